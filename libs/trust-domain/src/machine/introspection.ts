/**
 * Reading the machine definition itself: which state nodes handle an event, which are active in a
 * snapshot value, and which event types the machine only ever *records* (targetless, unguarded
 * transitions whose sole action is `record`). Derived from the definition, never from a hand-kept list,
 * so moving an event into a guarded or state-changing transition takes it off the fast path by itself.
 */
import type { AnyStateNode, AnyTransitionDefinition, StateValue } from 'xstate';
import type { TrustEventType } from '../vocabulary';
import { EVENT_ONLY_GUARDS, type TrustLifecycleMachine } from './trust-lifecycle.machine';

export const RECORD_ACTION = 'record';

export function allStateNodes(machine: TrustLifecycleMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode) => {
    nodes.push(node);
    Object.values(node.states).forEach((child) => visit(child as AnyStateNode));
  };
  visit(machine.root as AnyStateNode);
  return nodes;
}

function actionName(action: unknown): string | undefined {
  if (typeof action === 'string') return action;
  if (typeof action === 'object' && action !== null && 'type' in action) return String(action.type);
  return undefined;
}

export function isRecordOnly(t: AnyTransitionDefinition): boolean {
  return (
    (t.target === undefined || t.target.length === 0) &&
    t.guard === undefined &&
    !t.reenter &&
    t.actions.length === 1 &&
    actionName(t.actions[0]) === RECORD_ACTION
  );
}

/** True when the node at `path` is active in `value` (the root, path [], always is). */
export function isActiveIn(value: StateValue, path: readonly string[]): boolean {
  let current: StateValue | undefined = value;
  for (const key of path) {
    if (current === undefined) return false;
    if (typeof current === 'string') {
      if (current !== key) return false;
      current = undefined;
      continue;
    }
    if (!(key in current)) return false;
    current = current[key];
  }
  return true;
}

/** Two handlers in sibling parallel regions would both fire, recording the event twice. */
function canBothBeActive(a: AnyStateNode, b: AnyStateNode): boolean {
  const ancestors = (n: AnyStateNode) => {
    const chain: AnyStateNode[] = [];
    for (let p: AnyStateNode | undefined = n; p; p = p.parent) chain.push(p);
    return chain;
  };
  const chainA = ancestors(a);
  const chainB = ancestors(b);
  if (chainA.includes(b) || chainB.includes(a)) return false;
  const common = chainA.find((n) => chainB.includes(n));
  return common?.type === 'parallel';
}

/** Paths of the nodes handling each record-only event type; absent types need a real transition. */
export type RecordOnlyIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

export function recordOnlyIndex(machine: TrustLifecycleMachine): RecordOnlyIndex {
  const nodes = allStateNodes(machine);
  // An eventless or delayed transition could fire on a context change alone: then nothing is "only recorded".
  if (nodes.some((n) => (n.always?.length ?? 0) > 0 || n.after.length > 0)) return new Map();
  const handlers = new Map<string, AnyStateNode[]>();
  const excluded = new Set<string>();
  for (const node of nodes) {
    for (const [eventType, transitions] of node.transitions) {
      if (!transitions.every(isRecordOnly)) excluded.add(eventType);
      handlers.set(eventType, [...(handlers.get(eventType) ?? []), node]);
    }
  }
  const index = new Map<string, readonly string[][]>();
  for (const [eventType, list] of handlers) {
    const clash = list.some((a, i) => list.slice(i + 1).some((b) => canBothBeActive(a, b)));
    if (!excluded.has(eventType) && !clash)
      index.set(
        eventType,
        list.map((n) => [...n.path]),
      );
  }
  return index;
}

function recordsOnlyWhateverTheContext(t: AnyTransitionDefinition): boolean {
  const guard = guardName(t);
  return (
    (guard === undefined || EVENT_ONLY_GUARDS.includes(guard)) &&
    t.actions.length === 1 &&
    actionName(t.actions[0]) === RECORD_ACTION
  );
}

/**
 * Event types whose transitions are chosen without reading the context (no guard, or an event-only
 * guard) and whose only action is `record`. For these, `transition()` on a snapshot whose context lags
 * the record still lands in the right state, and the record is the reducer applied to the real record.
 */
export function contextFreeEventTypes(machine: TrustLifecycleMachine): ReadonlySet<string> {
  const nodes = allStateNodes(machine);
  if (nodes.some((n) => (n.always?.length ?? 0) > 0 || n.after.length > 0)) return new Set();
  const verdicts = new Map<string, boolean>();
  for (const node of nodes) {
    for (const [eventType, transitions] of node.transitions) {
      verdicts.set(
        eventType,
        (verdicts.get(eventType) ?? true) && transitions.every(recordsOnlyWhateverTheContext),
      );
    }
  }
  return new Set([...verdicts].filter(([, free]) => free).map(([eventType]) => eventType));
}

/** Per machine, its state nodes deepest first (the definition never changes). */
const nodesByDepth = new WeakMap<object, AnyStateNode[]>();
/** Per state value object (a snapshot keeps it while its state does not change), each event type's candidates. */
const candidatesByValue = new WeakMap<object, Map<string, AnyTransitionDefinition[]>>();

/**
 * Transitions for `eventType` on the nodes active in `value`, deepest first, as candidates to explain.
 * Worked out once per state value: the allowed commands of a trust ask this of every event type each
 * time the trust is read.
 */
export function candidateTransitions(
  machine: TrustLifecycleMachine,
  value: StateValue,
  eventType: TrustEventType,
): readonly AnyTransitionDefinition[] {
  if (typeof value !== 'object') return candidatesOf(machine, value).get(eventType) ?? [];
  let byEvent = candidatesByValue.get(value);
  if (byEvent === undefined) {
    byEvent = candidatesOf(machine, value);
    candidatesByValue.set(value, byEvent);
  }
  return byEvent.get(eventType) ?? [];
}

function candidatesOf(
  machine: TrustLifecycleMachine,
  value: StateValue,
): Map<string, AnyTransitionDefinition[]> {
  let nodes = nodesByDepth.get(machine);
  if (nodes === undefined) {
    nodes = allStateNodes(machine).sort((a, b) => b.path.length - a.path.length);
    nodesByDepth.set(machine, nodes);
  }
  const byEvent = new Map<string, AnyTransitionDefinition[]>();
  for (const node of nodes) {
    if (!isActiveIn(value, node.path)) continue;
    for (const [type, transitions] of node.transitions) {
      byEvent.set(type, [...(byEvent.get(type) ?? []), ...transitions]);
    }
  }
  return byEvent;
}

export function guardName(t: AnyTransitionDefinition): string | undefined {
  return actionName(t.guard);
}
