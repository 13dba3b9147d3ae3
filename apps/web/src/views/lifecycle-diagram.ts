import lifecycleSource from '../../../../docs/lifecycle.mmd?raw';
import { h } from '../dom';
import { humanise } from '../format';
import type { StateValue } from '../types';

const KEY_ISSUES_REGION = 'live_implementation_keyIssues';

/** The Mermaid ids of the states the trust is in, e.g. live, live_operating, live_operating_plan_reviewed. */
export function activeStateIds(value: StateValue, prefix = ''): string[] {
  const id = (key: string) => (prefix ? `${prefix}_` : '') + key.replace(/-/g, '_');
  if (typeof value === 'string') return [id(value)];
  return Object.entries(value).flatMap(([key, child]) => [id(key), ...activeStateIds(child, id(key))]);
}

/** The path to each leaf, in words: "live › implementation › authority › shadow". */
export function describeState(value: StateValue, path: string[] = []): string[] {
  if (typeof value === 'string') return [[...path, value].join(' › ')];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'keyIssues'
      ? [[...path, 'keyIssues (see the board)'].join(' › ')]
      : describeState(child, [...path, key]),
  );
}

/**
 * The exported machine, made readable for a page: the eight key-issue regions (shown on the key issues
 * board) fold into one state, and the "records ..." notes are left out. The states the trust is in
 * get the `current` class.
 */
export function diagramSource(value: StateValue): string {
  const lines = lifecycleSource.split('\n');
  const out: string[] = [];
  let skipDepth = 0;
  for (const line of lines) {
    if (skipDepth > 0) {
      skipDepth += (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0);
      continue;
    }
    if (line.includes(`as ${KEY_ISSUES_REGION} {`)) {
      out.push(`      state "keyIssues (eight: see the board)" as ${KEY_ISSUES_REGION}`);
      skipDepth = 1;
      continue;
    }
    if (/^\s*note /.test(line) || line.includes(`${KEY_ISSUES_REGION}_`) || line.startsWith('%%')) continue;
    out.push(line);
  }
  const known = new Set([...lifecycleSource.matchAll(/ as ([A-Za-z0-9_]+)/g)].map((m) => m[1]));
  const active = activeStateIds(value).filter(
    (id) => known.has(id) && !id.startsWith(`${KEY_ISSUES_REGION}_`),
  );
  const leaves = active.filter(
    (id) => !active.some((other) => other.startsWith(`${id}_`)) || id === KEY_ISSUES_REGION,
  );
  out.push('  classDef current fill:#ffdd00,stroke:#0b0c0c,stroke-width:4px,color:#0b0c0c,font-weight:bold');
  if (leaves.length > 0) out.push(`  class ${leaves.join(',')} current`);
  return out.join('\n');
}

let renders = 0;

/** Renders the lifecycle with Mermaid (loaded on demand: it is large). */
export function lifecycleDiagram(value: StateValue, phase: string): HTMLElement[] {
  const holder = h(
    'div',
    { class: 'diagram', id: 'lifecycle-diagram', 'data-current': activeStateIds(value).join(' ') },
    h('p', { class: 'muted' }, 'Drawing the lifecycle…'),
  );
  const words = h(
    'p',
    { class: 'body', id: 'lifecycle-current' },
    h('strong', {}, 'Current state: '),
    `${humanise(phase)} (${describeState(value).join('; ')}). It is highlighted in yellow with a thick black border.`,
  );
  void (async () => {
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      fontFamily: 'Arial, sans-serif',
      state: { useMaxWidth: true },
    });
    const { svg } = await mermaid.render(`lifecycle-svg-${(renders += 1)}`, diagramSource(value));
    holder.innerHTML = svg;
    const el = holder.querySelector('svg');
    el?.setAttribute('role', 'img');
    el?.setAttribute('aria-label', `Lifecycle state diagram. ${words.textContent ?? ''}`);
    holder.setAttribute('data-rendered', 'true');
  })().catch((error: unknown) => {
    holder.textContent = `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
  });
  return [words, holder];
}
