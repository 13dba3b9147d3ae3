/**
 * Tamper evidence over HTTP on a real SQLite file: every event the app writes is hash-chained; an
 * attacker with file access drops the immutability trigger and edits one row; verify names it. The
 * exported JSON Lines verify offline with scripts/verify-export.ts, and a doctored export does not.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  bearer,
  decisionBody,
  http,
  readTrustStream,
  shadowTrust,
  startApiApp,
  tokensFor,
} from './support/api-fixtures';
import type { TestApp } from './support/test-app';

const run = promisify(execFile);

async function verifyExport(file: string): Promise<{ code: number; report: Record<string, unknown> }> {
  const args = ['-r', '@swc-node/register', 'scripts/verify-export.ts', file];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: join(__dirname, '..') });
    return { code: 0, report: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: JSON.parse(failed.stdout) };
  }
}

describe('tamper evidence', () => {
  let t: TestApp;
  let tokens: ReturnType<typeof tokensFor>;
  let trustId: string;

  beforeAll(async () => {
    t = await startApiApp();
    tokens = tokensFor(t);
    trustId = await shadowTrust(t);
    for (const id of ['d-1', 'd-2']) {
      await http(t)
        .post(`/trusts/${trustId}/decisions`)
        .set(bearer(tokens['programme-manager']))
        .send(decisionBody(id));
    }
  });
  afterAll(() => t.close());

  const verify = () => http(t).get(`/trusts/${trustId}/verify`).set(bearer(tokens.auditor));

  it('chains every event the app writes and verifies the untouched stream', async () => {
    const events = await readTrustStream(t, trustId);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(String(e.metadata.hash)))).toBe(true);
    expect(events[0].metadata.previousHash).toBeNull();
    const res = await verify();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: events.length, firstBroken: null });
  });

  it('verifies an export offline, and names the first doctored line', async () => {
    const exported = await http(t).get(`/trusts/${trustId}/history.jsonl`).set(bearer(tokens.auditor));
    const file = join(t.dataDir, 'export.jsonl');
    writeFileSync(file, exported.text);
    expect(await verifyExport(file)).toMatchObject({ code: 0, report: { ok: true } });
    const lines = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    lines[3].metadata.actor = 'someone-else';
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const doctored = await verifyExport(file);
    expect(doctored.code).toBe(1);
    expect(doctored.report.firstBroken).toMatchObject({ revision: 3, eventId: lines[3].id });
  }, 30_000);

  it('detects one row edited directly in SQLite, naming the event', async () => {
    const events = await readTrustStream(t, trustId);
    const target = events[events.length - 2];
    const db = new Database(join(t.dataDir, 'trustworks.sqlite'));
    db.exec('DROP TRIGGER events_no_update');
    const data = { ...(target.data as Record<string, unknown>), rationale: 'Quietly rewritten' };
    db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(JSON.stringify(data), target.id);
    db.close();
    const res = await verify();
    expect(res.body).toEqual({
      ok: false,
      checked: target.revision + 1,
      firstBroken: {
        revision: target.revision,
        eventId: target.id,
        reason: expect.stringMatching(/altered/),
      },
    });
  });
});
