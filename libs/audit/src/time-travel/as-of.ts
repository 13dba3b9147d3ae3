/**
 * Time travel over one trust's stream. Two questions, kept apart:
 * - basis 'recorded': what did the record say at that moment? Events whose metadata.recordedAt is
 *   before the cut, i.e. what had been typed in by then.
 * - basis 'occurred': what had happened by that day, as we know it now? Events whose data.occurredAt
 *   is on or before the day, in stream order, including those recorded later.
 * Either way the state is rebuilt by folding through the domain's own `evolve`: no rule is restated.
 */
import type { RecordedEvent } from '@trustworks/event-store';
import {
  evolve,
  initialState,
  membershipRegister,
  toView,
  type CalendarDate,
  type TrustState,
} from '@trustworks/trust-domain';
import { attendanceOf } from '@trustworks/trust-domain';
import { milestoneFactsOf, timelineOf } from '@trustworks/projections';
import { toDomainEvent } from '@trustworks/trusts';

export type Cut =
  | { basis: 'recorded'; before: Date }
  | { basis: 'occurred'; onOrBefore: string }
  | { basis: 'revision'; upTo: number };

export interface Replayed {
  state: TrustState;
  /** The last revision folded in, or null if none was. */
  revision: number | null;
  eventsIncluded: number;
}

export function replayUntil(events: Iterable<RecordedEvent>, cut: Cut): Replayed {
  let state = initialState();
  let revision: number | null = null;
  let eventsIncluded = 0;
  for (const recorded of events) {
    if (cut.basis === 'revision' && recorded.revision > cut.upTo) break;
    // Not `break`: clocks are not trusted to be monotone across writers, so every event is looked at.
    if (cut.basis === 'recorded' && !(recordedAtOf(recorded) < cut.before.getTime())) continue;
    // Upcast first: an old schema version may carry its day under another name.
    const event = toDomainEvent(recorded);
    if (cut.basis === 'occurred' && event.data.occurredAt > cut.onOrBefore) continue;
    state = evolve(state, event);
    revision = recorded.revision;
    eventsIncluded += 1;
  }
  return { state, revision, eventsIncluded };
}

/**
 * What the state endpoint answers: the trust as it stood, in the shape of the live trust view, with
 * its timeline judged on `day` by the projections' own rules (one definition of RAG, not two).
 */
export function stateView(replayed: Replayed, day: CalendarDate) {
  const view = toView(replayed.state);
  return {
    revision: replayed.revision,
    eventsIncluded: replayed.eventsIncluded,
    exists: replayed.revision !== null && view.phase !== 'not-proposed',
    phase: view.phase,
    planStage: view.planStage,
    name: view.name,
    authority: view.authority,
    keyIssues: view.keyIssues,
    members: view.members,
    membershipRegister: membershipRegister(replayed.state),
    decisions: view.decisions,
    meetings: view.meetings,
    milestones: Object.values(view.milestones),
    lastOccurredOn: view.lastOccurredOn,
    lifecycleState: view.lifecycleState,
    implementationBoard: view.implementationBoard,
    trustBoard: view.trustBoard,
    timeline: { today: day, ...timelineOf(milestoneFactsOf(replayed.state), day) },
    attendance: attendanceOf(replayed.state),
  };
}

export function recordedAtOf(recorded: RecordedEvent): number {
  return Date.parse(String(recorded.metadata.recordedAt));
}
