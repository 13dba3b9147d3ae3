/**
 * evolve: fold one event into the state with XState's pure `transition()`.
 *
 * `transition()` builds a throwaway actor scope on every call, which makes it several times slower
 * than an actor's `send()`. Most of a trust's stream, though, is record-keeping (meetings, decisions,
 * members, milestones) that the machine only *records*: targetless, unguarded transitions whose one
 * action is the plain reducer. For those event types, found by reading the machine definition
 * (`recordOnlyIndex`), the result of `transition()` is known in advance: same state value, context =
 * reducer(context, event) if some active node handles the event, otherwise nothing changes. So evolve
 * applies the reducer directly and leaves the snapshot's context to be caught up (one `resolveState`)
 * before the next transition that needs it. Catching up costs a `resolveState`, so it is skipped for
 * event types whose transitions never read the context (unguarded, or guarded on the event alone, like
 * the key-issue regions): `transition()` on the lagging snapshot picks the same target, and the record
 * is the reducer applied to the real one. Everything else goes through `transition()` on an up-to-date
 * snapshot. All paths are pure and deterministic; a property test checks they agree with a plain
 * `transition()` fold.
 */
import { transition } from 'xstate';
import type { TrustEvent } from '../events/payloads';
import { isActiveIn } from '../machine/introspection';
import type { LifecycleModel } from '../machine/model';
import { applyEvent } from '../machine/record/reduce';
import { phaseOf, planStageOf } from '../machine/phase';
import { lifecycleSnapshot, stateFromSnapshot, type TrustState } from './state';

function handledNow(state: TrustState, paths: readonly (readonly string[])[]): boolean {
  if (state.lifecycle.status !== 'active') return false;
  const value = state.lifecycle.value;
  return paths.some((path) => isActiveIn(value, path));
}

/** Always through `transition()`: the reference the fast path is tested against. */
export function evolveByTransition(model: LifecycleModel, state: TrustState, event: TrustEvent): TrustState {
  const snapshot = lifecycleSnapshot(model, state);
  const [next] = transition(model.machine, snapshot, event);
  // Every transition runs `record`, which bumps the revision: no bump means the machine ignored it.
  return next.context.revision === snapshot.context.revision ? state : stateFromSnapshot(next);
}

/** `transition()` on the lagging snapshot for the state value; the reducer on the record for the rest. */
function evolveLagging(model: LifecycleModel, state: TrustState, event: TrustEvent): TrustState {
  const [next] = transition(model.machine, state.lifecycle, event);
  if (next.context.revision === state.lifecycle.context.revision) return state;
  const record = applyEvent(state, event);
  // The snapshot stays behind (its revision stays below the record's), to be caught up when needed.
  return {
    ...record,
    phase: phaseOf(next.value, record),
    planStage: planStageOf(next.value),
    lifecycle: next,
  };
}

export function evolveWith(model: LifecycleModel, state: TrustState, event: TrustEvent): TrustState {
  const recordedBy = model.recordOnly.get(event.type);
  if (recordedBy !== undefined) return handledNow(state, recordedBy) ? applyEvent(state, event) : state;
  const lagging = state.lifecycle.context.revision !== state.revision;
  return lagging && model.contextFree.has(event.type)
    ? evolveLagging(model, state, event)
    : evolveByTransition(model, state, event);
}
