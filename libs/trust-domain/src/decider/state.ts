/**
 * TrustState: the trust's plain record (see machine/record/types), the phase and plan stage read from
 * the lifecycle machine, and the machine snapshot itself. `toView` drops the snapshot, leaving JSON.
 */
import type { StateValue } from 'xstate';
import type { DecisionRecord, MeetingRecord, TrustRecord } from '../machine/record/types';
import { countOf, entriesOf } from '../machine/record/append-log';
import { emptyRecord } from '../machine/record/empty';
import type { LifecycleModel, TrustSnapshot } from '../machine/model';
import { phaseOf, planStageOf, type PlanStage, type TrustPhase } from '../machine/phase';

/**
 * The JSON view. Differs from the record only in shape, for readers: meetings and decisions flattened
 * from their segments.
 */
export interface TrustView extends Omit<TrustRecord, 'meetings' | 'decisions'> {
  meetings: MeetingRecord[];
  decisions: DecisionRecord[];
  phase: TrustPhase;
  planStage: PlanStage | null;
  /** The lifecycle machine's state value, e.g. { live: { operating: { plan: 'published', ... } } }. */
  lifecycleState: StateValue;
}

/**
 * The trust as it stands now, for GET /trusts/:id: the view without its meetings and decisions,
 * which grow with every year of the trust's life and are read a page at a time where they are
 * listed; their counts say how many there are.
 */
export interface TrustSummary extends Omit<TrustView, 'meetings' | 'decisions'> {
  meetingCount: number;
  decisionCount: number;
}

export interface TrustState extends TrustRecord {
  readonly phase: TrustPhase;
  readonly planStage: PlanStage | null;
  /**
   * The machine snapshot as of the last event that went through `transition()`. Its `value` is always
   * current; its `context` may be behind the record by events the machine only records (evolve's fast
   * path), and is brought up to date from the record before the next transition (`lifecycleSnapshot`).
   */
  readonly lifecycle: TrustSnapshot;
}

const RECORD_KEYS = Object.keys(emptyRecord()) as (keyof TrustRecord)[];

/** The record part of a state, as a fresh object (the machine's context must not carry the snapshot). */
export function recordOf(state: TrustState): TrustRecord {
  return Object.fromEntries(RECORD_KEYS.map((key) => [key, state[key]])) as unknown as TrustRecord;
}

export function stateFromSnapshot(snapshot: TrustSnapshot): TrustState {
  const record = snapshot.context;
  return {
    ...record,
    phase: phaseOf(snapshot.value, record),
    planStage: planStageOf(snapshot.value),
    lifecycle: snapshot,
  };
}

/** The machine snapshot with its context in step with the record, ready for a transition or a `can`. */
export function lifecycleSnapshot(model: LifecycleModel, state: TrustState): TrustSnapshot {
  const snapshot = state.lifecycle;
  if (snapshot.context.revision === state.revision) return snapshot;
  return model.machine.resolveState({
    value: snapshot.value,
    context: recordOf(state),
    status: snapshot.status,
  });
}

export function initialStateOf(model: LifecycleModel): TrustState {
  return stateFromSnapshot(model.initialSnapshot);
}

/**
 * The state as readers see it: meetings and decisions as plain lists, the machine as its state value.
 * Not a copy: it shares the state's records, which are never changed (each event gives new ones), and
 * the callers only serialise it. Copying every record of a long-lived trust for each read cost more
 * than the rest of the read, and doubled the memory the trust takes while its view is held.
 */
export function toView(state: TrustState): TrustView {
  const { lifecycle, meetings, decisions, ...rest } = state;
  return {
    ...rest,
    meetings: entriesOf(meetings),
    decisions: entriesOf(decisions),
    lifecycleState: lifecycle.value,
  };
}

export function toSummary(state: TrustState): TrustSummary {
  const { lifecycle, meetings, decisions, ...rest } = state;
  return {
    ...rest,
    meetingCount: countOf(meetings),
    decisionCount: countOf(decisions),
    lifecycleState: lifecycle.value,
  };
}
