import { optional } from '../api';
import { enc } from '../data';
import type { Member, Milestone, StateValue, TrustDocument, TrustView } from '../types';

export type Basis = 'recorded' | 'occurred';

/** A past date and which view of time: as recorded then, or as we now know it happened by then. */
export interface ReplayChoice {
  asOf: string;
  basis: Basis;
}

/** Reads the trust as it stood: as recorded by that date, or by what we now know happened by then. */
export async function loadReplay(now: TrustDocument, choice: ReplayChoice): Promise<TrustDocument | null> {
  const query = `asOf=${enc(choice.asOf)}${choice.basis === 'occurred' ? '&basis=occurred' : ''}`;
  const past = await optional<PastState>(`/trusts/${enc(now.trust.trustId)}/state?${query}`);
  return past ? fromPast(now, past) : null;
}

interface PastState {
  revision: number | null;
  exists: boolean;
  phase: string;
  planStage: string | null;
  keyIssues: TrustView['keyIssues'];
  members: Member[];
  membershipRegister: TrustDocument['membershipRegister'];
  decisions: TrustView['decisions'];
  meetings: TrustView['meetings'];
  milestones: Milestone[];
  lastOccurredOn: string | null;
}

const PLAN_STATES: Record<string, string> = { 'annual-review': 'annualReview' };

/** The lifecycle state value for a phase, for the diagram (the replay answers with the phase). */
function lifecycleOf(phase: string, planStage: string | null): StateValue {
  if (phase === 'not-proposed') return 'notProposed';
  if (phase.startsWith('closed')) return 'closed';
  if (phase === 'proposed' || phase === 'approved') return { live: phase };
  if (['shadow', 'vesting', 'ready'].includes(phase))
    return {
      live: { implementation: { authority: phase === 'shadow' ? 'shadow' : 'vested', keyIssues: {} } },
    };
  const plan = PLAN_STATES[planStage ?? ''] ?? planStage ?? 'drafting';
  return {
    live: { operating: { plan, review: phase === 'under-review' ? 'underReview' : 'notUnderReview' } },
  };
}

function fromPast(now: TrustDocument, past: PastState): TrustDocument {
  const before = (phases: string[]) => phases.includes(past.phase);
  const trust: TrustView = {
    ...now.trust,
    revision: past.revision ?? -1,
    phase: past.exists ? past.phase : 'not-proposed',
    planStage: past.planStage,
    keyIssues: past.keyIssues,
    members: past.members,
    milestones: Object.fromEntries(past.milestones.map((m) => [m.milestoneId, m])),
    meetings: past.meetings,
    decisions: past.decisions,
    lastOccurredOn: past.lastOccurredOn,
    lifecycleState: lifecycleOf(past.exists ? past.phase : 'not-proposed', past.planStage),
    implementationBoard: before(['not-proposed', 'proposed', 'approved'])
      ? null
      : now.trust.implementationBoard,
    trustBoard:
      before(['operating', 'under-review']) || past.phase.startsWith('closed') ? now.trust.trustBoard : null,
  };
  return {
    revision: past.revision ?? -1,
    trust,
    membershipRegister: past.membershipRegister,
    allowedCommands: [],
  };
}
