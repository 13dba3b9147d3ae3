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
 * before the next real transition. Everything else goes through `transition()`. Both paths are pure
 * and deterministic; a property test checks they agree with a plain `transition()` fold.
 */
import { transition } from 'xstate';
import type { TrustEvent } from '../events/payloads';
import { isActiveIn } from '../machine/introspection';
import type { LifecycleModel } from '../machine/model';
import { applyEvent } from '../machine/record/reduce';
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

export function evolveWith(model: LifecycleModel, state: TrustState, event: TrustEvent): TrustState {
  const recordedBy = model.recordOnly.get(event.type);
  if (recordedBy === undefined) return evolveByTransition(model, state, event);
  return handledNow(state, recordedBy) ? applyEvent(state, event) : state;
}
