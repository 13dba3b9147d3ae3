/**
 * Every dependency cycle among `nodes`, each written as the path that closes it (`a → b → a`),
 * found by depth-first search; each cycle is reported once, from the node where the search met it.
 * Edges to unknown nodes are ignored (they are reported elsewhere).
 */
export function findCycles(nodes: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();

  const visit = (node: string): void => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of nodes.get(node) ?? []) {
      if (!nodes.has(next)) continue;
      if (state.get(next) === 'visiting') record([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  const record = (cycle: string[]): void => {
    const id = [...cycle.slice(1)].sort().join('|');
    if (!seen.has(id)) cycles.push(cycle);
    seen.add(id);
  };

  for (const node of nodes.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
