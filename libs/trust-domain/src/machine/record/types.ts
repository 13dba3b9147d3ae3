/**
 * The trust's plain record: everything the events have said, as JSON-friendly data. It is the
 * lifecycle machine's context (guards read it) and the body of `TrustState` / `TrustView`.
 */
import type {
  CalendarDate,
  DecisionTier,
  GovernanceDocumentKind,
  GovernanceModel,
  KeyIssue,
  MilestoneSpec,
  PartnerCategory,
  ReviewOutcome,
} from '../../vocabulary';
import type { TrustReviewOutcomeRecordedData } from '../../events/payloads';
import type { AppendLog } from './append-log';

export type KeyIssueStatus = 'open' | 'proposed' | 'agreed';

export interface KeyIssueRecord {
  status: KeyIssueStatus;
  proposal: string | null;
  proposedOn: CalendarDate | null;
  agreedOn: CalendarDate | null;
  summary: string | null;
  reopenedOn: CalendarDate | null;
  reopenReason: string | null;
}

export interface MemberRecord {
  memberId: string;
  person: string;
  role: string;
  organisation: string;
  partnerCategory: PartnerCategory;
  deputy: string | null;
  minimumAttendance: number | null;
  since: CalendarDate;
  /** Set when withdrawn or replaced; the seat's history stays on the record. */
  until: CalendarDate | null;
  replacedBy: string | null;
}

export interface SignatureRecord {
  organisation: string;
  signedBy: string;
  signedOn: CalendarDate;
}

export interface GovernanceDocumentRecord {
  documentId: string;
  kind: GovernanceDocumentKind;
  title: string;
  version: string;
  adoptedOn: CalendarDate;
  /** Keyed by organisation; re-adopting a new version clears them (they signed the old text). */
  signatures: Record<string, SignatureRecord>;
}

export interface RebaselineRecord {
  from: CalendarDate;
  to: CalendarDate;
  reason: string;
  approvedBy: string;
  on: CalendarDate;
}

export interface MilestoneRecord extends MilestoneSpec {
  scheduledOn: CalendarDate;
  /** The due date now forecast: the baseline until a rebaseline moves it. */
  forecastDue: CalendarDate;
  completedOn: CalendarDate | null;
  /** 'manual' for MilestoneCompleted, otherwise the event type that completed it. */
  completedByEvent: string | null;
  rebaselines: RebaselineRecord[];
}

export interface MeetingRecord {
  meetingId: string;
  body: string;
  heldOn: CalendarDate;
  attendees: string[];
  apologies: string[];
  quorumMet: boolean;
}

export interface DecisionRecord {
  decisionId: string;
  title: string;
  tier: DecisionTier;
  leadAgency: string;
  rationale: string;
  meetingId: string | null;
  decidedOn: CalendarDate;
  effectiveFrom: CalendarDate;
}

/** The current Children and Young People's Plan cycle; the machine says which stage it is in. */
export interface PlanRecord {
  cycle: number;
  planId: string;
  title: string;
  period: string;
  draftedOn: CalendarDate;
  consultationOpenedOn: CalendarDate | null;
  consultationClosesOn: CalendarDate | null;
  lscbConsultedOn: CalendarDate | null;
  approvedOn: CalendarDate | null;
  approvedBy: string | null;
  publishedOn: CalendarDate | null;
  url: string | null;
  annualReviewStartedOn: CalendarDate | null;
  annualReviewCompletedOn: CalendarDate | null;
}

export interface ReviewRecord {
  startedOn: CalendarDate | null;
  reason: string | null;
  outcome: ReviewOutcome | null;
  outcomeOn: CalendarDate | null;
  newName: string | null;
  successorBody: string | null;
  localTrusts: TrustReviewOutcomeRecordedData['localTrusts'];
  plan: TrustReviewOutcomeRecordedData['plan'];
  notes: string | null;
}

export interface TrustRecord {
  /** How many events have changed this record; the machine snapshot is in step when they agree. */
  revision: number;
  trustId: string;
  authority: string;
  name: string;
  governanceModel: GovernanceModel | null;
  ageFrom: number | null;
  ageTo: number | null;
  ageExtendedTo: number | null;
  parentPartnership: string | null;
  newAuthority: boolean;
  vestingDay: CalendarDate | null;
  twoTierArea: boolean;
  districtCouncils: string[];
  proposedOn: CalendarDate | null;
  approvedOn: CalendarDate | null;
  approvedBy: string | null;
  facilitator: { person: string; role: string; appointedOn: CalendarDate } | null;
  directorOfChildrensServices: { person: string; inPostFrom: CalendarDate } | null;
  implementationBoard: { boardName: string; chair: string; convenedOn: CalendarDate } | null;
  vestingDayReachedOn: CalendarDate | null;
  businessUnit: {
    establishedOn: CalendarDate;
    manager: string | null;
    fundingSource: string | null;
    website: string | null;
  } | null;
  trustBoard: { boardName: string; chair: string; inauguratedOn: CalendarDate } | null;
  keyIssues: Record<KeyIssue, KeyIssueRecord>;
  /**
   * Every seat holder ever, in appointment order (replaced and withdrawn ones keep their `until`).
   * An array, not an id-keyed object: V8 copies large id-keyed objects key by key on every update.
   */
  members: MemberRecord[];
  governanceDocuments: Record<string, GovernanceDocumentRecord>;
  milestones: Record<string, MilestoneRecord>;
  /** Append-only, in recording order, in segments (see append-log.ts); `toView` flattens them. */
  meetings: AppendLog<MeetingRecord>;
  decisions: AppendLog<DecisionRecord>;
  plan: PlanRecord | null;
  /** Past plan cycles, newest last. */
  previousPlans: PlanRecord[];
  review: ReviewRecord | null;
  /** The latest `occurredAt` seen: what the record knows up to. */
  lastOccurredOn: CalendarDate | null;
}
