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
 * snapshot (through `step`: the same transition with its throwaway actor scope built once per model).
 * All paths are pure and deterministic; property tests check that they, and `StateFold`, agree with a
 * plain `transition()` fold.
 */
import { createActor, transition } from 'xstate';
import type { TrustEvent } from '../events/payloads';
import { isActiveIn } from '../machine/introspection';
import type { LifecycleModel, TrustSnapshot } from '../machine/model';
import { applyEvent, applyEventInPlace } from '../machine/record/reduce';
import { phaseOf, planStageOf } from '../machine/phase';
import { lifecycleSnapshot, stateFromSnapshot, type TrustState } from './state';

function handledNow(state: TrustState, paths: readonly (readonly string[])[]): boolean {
  if (state.lifecycle.status !== 'active') return false;
  const value = state.lifecycle.value;
  for (const path of paths) if (isActiveIn(value, path)) return true;
  return false;
}

type MachineScope = Parameters<LifecycleModel['machine']['transition']>[2];

const scopes = new WeakMap<LifecycleModel, MachineScope>();

/**
 * What `transition()` builds on every call (an actor that is never started, so its initial state is
 * worked out again each time: a third of the call), built once per model. The machine's one action is
 * an `assign`, resolved inside the transition; nothing is executed through the scope, and the actor
 * is never started, so sharing it keeps `step` as pure as `transition()`.
 */
function scopeOf(model: LifecycleModel): MachineScope {
  let scope = scopes.get(model);
  if (scope === undefined) {
    const self = createActor(model.machine);
    const ignore = () => {};
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: ignore,
      defer: ignore,
      emit: ignore,
      stopChild: ignore,
      actionExecutor: ignore,
    };
    scopes.set(model, scope);
  }
  return scope;
}

/** `transition(model.machine, snapshot, event)[0]`, with the scope built once. */
function step(model: LifecycleModel, snapshot: TrustSnapshot, event: TrustEvent): TrustSnapshot {
  return model.machine.transition(snapshot, event, scopeOf(model));
}

/** Through `step` on an up-to-date snapshot: what the fast paths fall back to. */
function evolveByStep(model: LifecycleModel, state: TrustState, event: TrustEvent): TrustState {
  const snapshot = lifecycleSnapshot(model, state);
  const next = step(model, snapshot, event);
  return next.context.revision === snapshot.context.revision ? state : stateFromSnapshot(next);
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
  const next = step(model, state.lifecycle, event);
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
    : evolveByStep(model, state, event);
}

/**
 * One trust's state, advanced event by event for a reader that needs the state itself only now and
 * then (a projection writes each trust once per batch, after hundreds of events). It gives the states
 * `evolveWith` gives, but an event the machine only records updates one private copy of the state in
 * place rather than copying the whole state for every event (copies that mostly live just long
 * enough to cost the garbage collector). `state()` hands that copy out and never touches it again:
 * the next recorded event starts a new copy.
 */
export class StateFold {
  private current: TrustState;
  /** True while `current` is this fold's own copy, seen by no one outside. */
  private owned = false;

  constructor(
    private readonly model: LifecycleModel,
    state: TrustState,
  ) {
    this.current = state;
  }

  /** The state now, as an immutable value (like everything `evolve` returns). */
  state(): TrustState {
    this.owned = false;
    return this.current;
  }

  /** The state now, to read before the next `apply` and not to keep: it may change in place. */
  peek(): Readonly<TrustState> {
    return this.current;
  }

  /** Folds `event` in; false when the machine ignores it (the state is unchanged). */
  apply(event: TrustEvent): boolean {
    const recordedBy = this.model.recordOnly.get(event.type);
    if (recordedBy === undefined) {
      const next = evolveWith(this.model, this.current, event);
      if (next === this.current) return false;
      this.current = next;
      this.owned = false;
      return true;
    }
    if (!handledNow(this.current, recordedBy)) return false;
    if (!this.owned) {
      this.current = { ...this.current };
      this.owned = true;
    }
    applyEventInPlace(this.current, event);
    return true;
  }
}
