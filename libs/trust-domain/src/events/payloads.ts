/**
 * What each trust event says. Payloads hold primitives and ids only, and every one carries
 * `occurredAt`: the day in England the thing happened, as the user gives it (not when it was typed
 * in: that instant lives in the app layer's metadata).
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
  TrustEventType,
} from '../vocabulary';

interface Dated {
  occurredAt: CalendarDate;
}

export interface TrustProposedData extends Dated {
  trustId: string;
  authority: string;
  name: string;
  governanceModel: GovernanceModel;
  /** Dudley (003): 0-19, extended to 25 for young people with additional needs. */
  ageFrom: number;
  ageTo: number;
  ageExtendedTo: number | null;
  /** The partnership it reports to (LSP, Haringey Strategic Partnership...), if any. */
  parentPartnership: string | null;
  /** A new (e.g. unitary) authority that comes into being on its vesting day (Cheshire East, 000). */
  newAuthority: boolean;
  vestingDay: CalendarDate | null;
  /** Two-tier areas must engage every district council, not one standing for all (001). */
  twoTierArea: boolean;
  districtCouncils: string[];
}

export interface ApprovalToProceedGivenData extends Dated {
  approvedBy: string;
  reference: string | null;
}

export interface FacilitatorAppointedData extends Dated {
  person: string;
  role: string;
}

export interface DirectorOfChildrensServicesInPostData extends Dated {
  person: string;
}

export interface ImplementationBoardConvenedData extends Dated {
  boardName: string;
  chair: string;
}

export interface MemberAppointedData extends Dated {
  memberId: string;
  person: string;
  role: string;
  organisation: string;
  partnerCategory: PartnerCategory;
  deputy: string | null;
  /** Haringey (002): members commit to a minimum number of meetings a year. */
  minimumAttendance: number | null;
}

/** The same seat (organisation, category) taken by someone else under a new memberId. */
export interface MemberReplacedData extends Dated {
  memberId: string;
  replacementMemberId: string;
  person: string;
  role: string;
  deputy: string | null;
  minimumAttendance: number | null;
}

export interface MemberWithdrawnData extends Dated {
  memberId: string;
  reason: string | null;
}

export interface KeyIssueProposedData extends Dated {
  keyIssue: KeyIssue;
  proposal: string;
}

export interface KeyIssueAgreedData extends Dated {
  keyIssue: KeyIssue;
  summary: string | null;
  meetingId: string | null;
}

export interface KeyIssueReopenedData extends Dated {
  keyIssue: KeyIssue;
  reason: string;
}

export type VestingDayReachedData = Dated;

export interface BusinessUnitEstablishedData extends Dated {
  manager: string | null;
  fundingSource: string | null;
  website: string | null;
}

export interface GovernanceDocumentAdoptedData extends Dated {
  documentId: string;
  kind: GovernanceDocumentKind;
  title: string;
  version: string;
}

export interface GovernanceDocumentSignedData extends Dated {
  documentId: string;
  organisation: string;
  signedBy: string;
}

export interface BoardInauguratedData extends Dated {
  boardName: string;
  chair: string;
}

export interface MeetingHeldData extends Dated {
  meetingId: string;
  body: string;
  /** memberIds (or names, for guests). */
  attendees: string[];
  apologies: string[];
  quorumMet: boolean;
}

export interface DecisionRecordedData extends Dated {
  decisionId: string;
  title: string;
  /** Dudley (003): decided at a tier, allocated to a lead agency that enacts it through its own process. */
  tier: DecisionTier;
  leadAgency: string;
  rationale: string;
  meetingId: string | null;
  effectiveFrom: CalendarDate;
}

export type MilestoneScheduledData = MilestoneSpec & Dated;

export interface MilestoneRebaselinedData extends Dated {
  milestoneId: string;
  newDue: CalendarDate;
  reason: string;
  approvedBy: string;
}

export interface MilestoneCompletedData extends Dated {
  milestoneId: string;
  note: string | null;
}

export interface PlanDraftedData extends Dated {
  planId: string;
  title: string;
  period: string;
}

export interface PlanConsultationOpenedData extends Dated {
  planId: string;
  closesOn: CalendarDate | null;
}

export interface LscbConsultedData extends Dated {
  planId: string;
  response: string | null;
}

export interface PlanApprovedData extends Dated {
  planId: string;
  approvedBy: string;
}

export interface PlanPublishedData extends Dated {
  planId: string;
  url: string | null;
}

export interface PlanAnnualReviewStartedData extends Dated {
  planId: string;
  reviewYear: string;
}

export interface PlanAnnualReviewCompletedData extends Dated {
  planId: string;
  summary: string | null;
}

export interface TrustReviewStartedData extends Dated {
  reason: string | null;
}

/** Kent's 2011 survey (004): what became of the board, and of local trusts and the plan. */
export interface TrustReviewOutcomeRecordedData extends Dated {
  outcome: ReviewOutcome;
  newName: string | null;
  successorBody: string | null;
  localTrusts: 'continuing' | 'dissolved' | 'none' | null;
  plan: 'refreshed' | 'slimmed' | 'dropped' | null;
  notes: string | null;
}

/**
 * The payload of each event type. `TrustEvent` indexes this map by every vocabulary event type, so
 * adding a type to the vocabulary fails to compile until it is given a payload here.
 */
export interface TrustEventDataMap {
  TrustProposed: TrustProposedData;
  ApprovalToProceedGiven: ApprovalToProceedGivenData;
  FacilitatorAppointed: FacilitatorAppointedData;
  DirectorOfChildrensServicesInPost: DirectorOfChildrensServicesInPostData;
  ImplementationBoardConvened: ImplementationBoardConvenedData;
  MemberAppointed: MemberAppointedData;
  MemberReplaced: MemberReplacedData;
  MemberWithdrawn: MemberWithdrawnData;
  KeyIssueProposed: KeyIssueProposedData;
  KeyIssueAgreed: KeyIssueAgreedData;
  KeyIssueReopened: KeyIssueReopenedData;
  VestingDayReached: VestingDayReachedData;
  BusinessUnitEstablished: BusinessUnitEstablishedData;
  GovernanceDocumentAdopted: GovernanceDocumentAdoptedData;
  GovernanceDocumentSigned: GovernanceDocumentSignedData;
  BoardInaugurated: BoardInauguratedData;
  MeetingHeld: MeetingHeldData;
  DecisionRecorded: DecisionRecordedData;
  MilestoneScheduled: MilestoneScheduledData;
  MilestoneRebaselined: MilestoneRebaselinedData;
  MilestoneCompleted: MilestoneCompletedData;
  PlanDrafted: PlanDraftedData;
  PlanConsultationOpened: PlanConsultationOpenedData;
  LscbConsulted: LscbConsultedData;
  PlanApproved: PlanApprovedData;
  PlanPublished: PlanPublishedData;
  PlanAnnualReviewStarted: PlanAnnualReviewStartedData;
  PlanAnnualReviewCompleted: PlanAnnualReviewCompletedData;
  TrustReviewStarted: TrustReviewStartedData;
  TrustReviewOutcomeRecorded: TrustReviewOutcomeRecordedData;
}

export type TrustEventOf<T extends TrustEventType> = { type: T; data: TrustEventDataMap[T] };

/** A domain event: plain data, no metadata (actor, authority, recordedAt live in the app's envelope). */
export type TrustEvent = { [T in TrustEventType]: TrustEventOf<T> }[TrustEventType];
