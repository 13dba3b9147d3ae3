import { get } from '../api';
import { enc } from '../data';
import type {
  AttendanceRow,
  Decision,
  Meeting,
  Member,
  Milestone,
  StateValue,
  Timeline,
  TrustDocument,
  TrustRecords,
  TrustView,
} from '../types';

export type Basis = 'recorded' | 'occurred';

/** A past date and which view of time: as recorded then, or as we now know it happened by then. */
export interface ReplayChoice {
  asOf: string;
  basis: Basis;
}

/** The trust as it stood, and its timeline judged on that day, both as the API worked them out. */
export interface Replayed {
  doc: TrustDocument;
  records: TrustRecords;
  timeline: Timeline;
  attendance: AttendanceRow[];
}

/** Reads the trust as it stood: as recorded by that date, or by what we now know happened by then. */
export async function loadReplay(now: TrustDocument, choice: ReplayChoice): Promise<Replayed> {
  const query = `asOf=${enc(choice.asOf)}${choice.basis === 'occurred' ? '&basis=occurred' : ''}`;
  const past = await get<PastState>(`/trusts/${enc(now.trust.trustId)}/state?${query}`);
  return {
    doc: fromPast(now, past),
    records: { meetings: past.meetings, decisions: past.decisions },
    timeline: { trustId: now.trust.trustId, ...past.timeline },
    attendance: past.attendance,
  };
}

interface PastState {
  revision: number | null;
  exists: boolean;
  phase: string;
  planStage: string | null;
  keyIssues: TrustView['keyIssues'];
  members: Member[];
  membershipRegister: TrustDocument['membershipRegister'];
  decisions: Decision[];
  meetings: Meeting[];
  milestones: Milestone[];
  lastOccurredOn: string | null;
  lifecycleState: StateValue;
  implementationBoard: TrustView['implementationBoard'];
  trustBoard: TrustView['trustBoard'];
  timeline: Omit<Timeline, 'trustId'>;
  attendance: AttendanceRow[];
}

function fromPast(now: TrustDocument, past: PastState): TrustDocument {
  const trust: TrustView = {
    ...now.trust,
    revision: past.revision ?? -1,
    phase: past.exists ? past.phase : 'not-proposed',
    planStage: past.planStage,
    keyIssues: past.keyIssues,
    members: past.members,
    milestones: Object.fromEntries(past.milestones.map((m) => [m.milestoneId, m])),
    meetingCount: past.meetings.length,
    decisionCount: past.decisions.length,
    lastOccurredOn: past.lastOccurredOn,
    lifecycleState: past.lifecycleState,
    implementationBoard: past.implementationBoard,
    trustBoard: past.trustBoard,
  };
  return {
    revision: past.revision ?? -1,
    trust,
    membershipRegister: past.membershipRegister,
    allowedCommands: [],
  };
}
