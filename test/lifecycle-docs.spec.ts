import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trustLifecycleMachine } from '@trustworks/trust-domain';
import { toMermaid } from '../scripts/export-machine';

/** The picture of the machine in docs/ and the README is generated; these fail when it is stale. */
describe('the lifecycle diagram', () => {
  const root = join(__dirname, '..');
  const mermaid = toMermaid();

  it('in docs/lifecycle.mmd is what the machine exports today (run scripts/export-machine.ts)', () => {
    expect(readFileSync(join(root, 'docs', 'lifecycle.mmd'), 'utf8')).toBe(mermaid);
  });

  it('in docs/lifecycle.json is the machine definition today', () => {
    const json = JSON.parse(readFileSync(join(root, 'docs', 'lifecycle.json'), 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(trustLifecycleMachine.definition)));
  });

  it('in the README is the same diagram', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(mermaid.trim());
  });
});
