/**
 * The shared words of the trust domain: event type names and the closed sets they use.
 * Every other file in this library takes its names from here; nothing uses `constructor.name`.
 * Sources: ../../../../shared/DOMAIN.md and the council papers in shared/seeds (000 Cheshire East,
 * 001 guidance summary, 002 Haringey, 003 Dudley, 004 Kent's 2011 survey).
 */

/** Every event type a trust stream may hold, past tense. */
export const TRUST_EVENT_TYPES = [
  'TrustProposed',
  'ApprovalToProceedGiven',
  'FacilitatorAppointed',
  'DirectorOfChildrensServicesInPost',
  'ImplementationBoardConvened',
  'MemberAppointed',
  'MemberReplaced',
  'MemberWithdrawn',
  'KeyIssueProposed',
  'KeyIssueAgreed',
  'KeyIssueReopened',
  'VestingDayReached',
  'BusinessUnitEstablished',
  'GovernanceDocumentAdopted',
  'GovernanceDocumentSigned',
  'BoardInaugurated',
  'MeetingHeld',
  'DecisionRecorded',
  'MilestoneScheduled',
  'MilestoneRebaselined',
  'MilestoneCompleted',
  'PlanDrafted',
  'PlanConsultationOpened',
  'LscbConsulted',
  'PlanApproved',
  'PlanPublished',
  'PlanAnnualReviewStarted',
  'PlanAnnualReviewCompleted',
  'TrustReviewStarted',
  'TrustReviewOutcomeRecorded',
] as const;
export type TrustEventType = (typeof TRUST_EVENT_TYPES)[number];

/** The eight key issues the implementation board must agree before the full board (Cheshire East, 000). */
export const KEY_ISSUES = [
  'membership',
  'governance',
  'strategic-commissioning',
  'delivery-structure',
  'business-unit',
  'integrated-working',
  'objectives-priorities-targets',
  'performance-monitoring',
] as const;
export type KeyIssue = (typeof KEY_ISSUES)[number];

/** Haringey (002): collaborative (duty to co-operate, no written agreement) or a signed partnership agreement. */
export const GOVERNANCE_MODELS = ['collaborative', 'partnership-agreement'] as const;
export type GovernanceModel = (typeof GOVERNANCE_MODELS)[number];

export const GOVERNANCE_DOCUMENT_KINDS = [
  'constitution',
  'decision-making-protocol',
  'terms-of-reference',
  'partnership-agreement',
  'section-10-agreement',
] as const;
export type GovernanceDocumentKind = (typeof GOVERNANCE_DOCUMENT_KINDS)[number];

/**
 * Who may sit at the table. The statutory ones (relevant partners under s.10, as amended) are in
 * `statutory/`, with the dates from which each applies; the rest are co-operation partners.
 */
export const PARTNER_CATEGORIES = [
  // the local authority itself (DCS, Lead Member, council officers)
  'local-authority',
  // relevant partners under the Children Act 2004 (000 appendix)
  'district-council',
  'police-authority',
  'chief-officer-of-police',
  'probation-board',
  'youth-offending-team',
  'strategic-health-authority',
  'primary-care-trust',
  'connexions',
  'learning-and-skills-council',
  // added by the 2008-09 guidance and legislation (000, 001)
  'school',
  'schools-forum',
  'sixth-form-college',
  'fe-college',
  'jobcentre-plus',
  // co-operation partners, not statutory
  'public-health',
  'general-practice',
  'lscb',
  'voluntary-community-sector',
  'frontline-services',
  'childcare-culture-sport-play',
  'families-carers',
  'fire-and-rescue',
  'other',
] as const;
export type PartnerCategory = (typeof PARTNER_CATEGORIES)[number];

/** Dudley (003): the tiers at which decisions are taken. */
export const DECISION_TIERS = ['board', 'executive', 'implementation-group', 'sub-group'] as const;
export type DecisionTier = (typeof DECISION_TIERS)[number];

/** Kent's 2011 survey (004): what became of the board. */
export const REVIEW_OUTCOMES = [
  'continuing',
  'streamlined',
  'renamed',
  'merged-into-health-and-wellbeing-board',
  'reporting-to-health-and-wellbeing-board',
  'replaced-by-commissioning-group',
  'dissolved',
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The five Every Child Matters outcomes (Haringey 002), used to name sub-groups. */
export const ECM_OUTCOMES = [
  'be-healthy',
  'stay-safe',
  'enjoy-and-achieve',
  'make-a-positive-contribution',
  'achieve-economic-well-being',
] as const;
export type EcmOutcome = (typeof ECM_OUTCOMES)[number];

/**
 * Calendar dates (due dates, meeting dates, vesting day, `occurredAt`) are `YYYY-MM-DD`: the day in
 * England on which the thing happened or falls due. Instants (`recordedAt`) are ISO-8601 UTC and live
 * in event metadata, never in the domain's own decisions about what is allowed.
 */
export type CalendarDate = string;

/** What, recorded in a trust's stream, completes a milestone by itself (besides a manual MilestoneCompleted). */
export interface MilestoneCompletion {
  eventType: TrustEventType;
  /** For KeyIssueAgreed: which key issue. */
  keyIssue?: KeyIssue;
  /** For GovernanceDocumentAdopted: which kind of document. */
  documentKind?: GovernanceDocumentKind;
}

/** One planned milestone: what a programme template produces and what `MilestoneScheduled` carries. */
export interface MilestoneSpec {
  /** Stable within the trust; templates derive it from their own keys (the domain makes no uuids). */
  milestoneId: string;
  title: string;
  /** A role or named person responsible (e.g. 'Director of Children's Services'). */
  owner: string;
  baselineDue: CalendarDate;
  /** milestoneIds that must complete first. */
  dependsOn: string[];
  completedBy?: MilestoneCompletion;
  /** Programme phase (Haringey's phases 1-3, Cheshire East's Day 1 / Year 1...). */
  phase?: string;
  /** The committee gate that must pass it, if any (Haringey: CYPSB, HSP PMG, Cabinet, HSP). */
  gate?: string;
  /** The template it came from, if any. */
  templateId?: string;
}
