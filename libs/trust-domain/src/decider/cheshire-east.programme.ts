/**
 * Cheshire East's "Day 1 / Year 1" programme (seed 000, Cabinet 2 December 2008) as commands, for the
 * scenario spec. The paper gives months; the days within them are ours.
 */
import type { KeyIssue, MilestoneSpec, PartnerCategory } from '../vocabulary';
import { KEY_ISSUES } from '../vocabulary';
import type { TrustCommand } from './commands';

const milestone = (
  milestoneId: string,
  title: string,
  baselineDue: string,
  completedBy?: MilestoneSpec['completedBy'],
): MilestoneSpec => ({
  milestoneId,
  title,
  owner: 'Strategic Director People',
  baselineDue,
  dependsOn: [],
  completedBy,
  phase: 'Day 1 / Year 1',
});

export const DAY_1_YEAR_1: MilestoneSpec[] = [
  milestone('facilitator', 'Set-up facilitator identified', '2008-11-30', {
    eventType: 'FacilitatorAppointed',
  }),
  milestone('dcs', "Director of Children's Services takes up post", '2008-12-31', {
    eventType: 'DirectorOfChildrensServicesInPost',
  }),
  milestone('board', 'Implementation board convened', '2009-01-31', {
    eventType: 'ImplementationBoardConvened',
  }),
  milestone('vesting', 'Vesting day', '2009-04-01', { eventType: 'VestingDayReached' }),
  ...KEY_ISSUES.map((keyIssue) =>
    milestone(`key-issue-${keyIssue}`, `${keyIssue} agreed`, '2009-06-30', {
      eventType: 'KeyIssueAgreed',
      keyIssue,
    }),
  ),
  milestone('business-unit', 'Business unit set up and staffed', '2009-06-30', {
    eventType: 'BusinessUnitEstablished',
  }),
  milestone('inauguration', "Children's Trust Board inaugurated", '2009-07-01', {
    eventType: 'BoardInaugurated',
  }),
  milestone('plan-review', 'Children Plan reviewed and approved', '2010-04-30', {
    eventType: 'PlanAnnualReviewCompleted',
  }),
];

const appoint = (
  memberId: string,
  person: string,
  role: string,
  organisation: string,
  partnerCategory: PartnerCategory,
  occurredAt: string,
): TrustCommand => ({
  type: 'AppointMember',
  data: {
    memberId,
    person,
    role,
    organisation,
    partnerCategory,
    deputy: `Deputy for ${role}`,
    minimumAttendance: 4,
    occurredAt,
  },
});
const propose = (keyIssue: KeyIssue, occurredAt: string): TrustCommand => ({
  type: 'ProposeKeyIssue',
  data: { keyIssue, proposal: `Options paper on ${keyIssue}`, occurredAt },
});
const agree = (keyIssue: KeyIssue, occurredAt: string, meetingId: string): TrustCommand => ({
  type: 'AgreeKeyIssue',
  data: { keyIssue, summary: null, meetingId, occurredAt },
});
const meeting = (meetingId: string, body: string, occurredAt: string): TrustCommand => ({
  type: 'RecordMeeting',
  data: {
    meetingId,
    body,
    attendees: ['m-dcs', 'm-lead-member', 'm-pct'],
    apologies: ['m-police-authority'],
    quorumMet: true,
    occurredAt,
  },
});
const plan = 'cheshire-children-plan-2008-11';
export const EARLY_AGREED: KeyIssue[] = [
  'membership',
  'governance',
  'strategic-commissioning',
  'integrated-working',
  'objectives-priorities-targets',
];
export const LATE_AGREED = KEY_ISSUES.filter((k) => !EARLY_AGREED.includes(k));

export const toJune: TrustCommand[] = [
  {
    type: 'ProposeTrust',
    data: {
      trustId: 'cheshire-east',
      authority: 'Cheshire East Council',
      name: "Cheshire East Children's Trust",
      governanceModel: 'collaborative',
      ageFrom: 0,
      ageTo: 19,
      ageExtendedTo: 25,
      parentPartnership: 'Cheshire East Local Strategic Partnership',
      newAuthority: true,
      vestingDay: '2009-04-01',
      twoTierArea: false,
      districtCouncils: [],
      occurredAt: '2008-10-01',
    },
  },
  {
    type: 'GiveApprovalToProceed',
    data: {
      approvedBy: 'Cheshire East Shadow Authority',
      reference: "Children's Trust - implementation",
      occurredAt: '2008-10-27',
    },
  },
  { type: 'ScheduleProgramme', data: { occurredAt: '2008-10-27', milestones: DAY_1_YEAR_1 } },
  {
    type: 'AppointFacilitator',
    data: {
      person: 'Business Unit Development Manager',
      role: 'Set-up facilitator',
      occurredAt: '2008-11-17',
    },
  },
  {
    type: 'RecordDirectorOfChildrensServicesInPost',
    data: { person: 'Strategic Director People', occurredAt: '2008-12-01' },
  },
  {
    type: 'ConveneImplementationBoard',
    data: {
      boardName: "Children's Trust Implementation Board",
      chair: 'Strategic Director People',
      occurredAt: '2009-01-19',
    },
  },
  appoint(
    'm-dcs',
    'Strategic Director People',
    'Chair',
    'Cheshire East Council',
    'local-authority',
    '2009-01-19',
  ),
  appoint(
    'm-lead-member',
    'Lead Member for Children',
    'Lead Member',
    'Cheshire East Council',
    'local-authority',
    '2009-01-19',
  ),
  appoint(
    'm-police-authority',
    'Chair of the Police Authority',
    'Member',
    'Cheshire Police Authority',
    'police-authority',
    '2009-01-19',
  ),
  appoint(
    'm-chief-constable',
    'Chief Constable',
    'Member',
    'Cheshire Constabulary',
    'chief-officer-of-police',
    '2009-01-19',
  ),
  appoint(
    'm-schools-forum',
    'Chair of the Schools Forum',
    'Member',
    'Cheshire East Schools Forum',
    'schools-forum',
    '2009-01-19',
  ),
  appoint(
    'm-dph',
    'Director of Public Health',
    'Member',
    'Central and Eastern Cheshire PCT',
    'public-health',
    '2009-01-19',
  ),
  appoint(
    'm-pct',
    'PCT Director of Commissioning',
    'Member',
    'Central and Eastern Cheshire PCT',
    'primary-care-trust',
    '2009-01-19',
  ),
  appoint(
    'm-bu',
    'Trust Development Manager',
    'Business unit manager',
    'Cheshire East Council',
    'local-authority',
    '2009-01-19',
  ),
  meeting('ib-1', 'implementation-board', '2009-01-19'),
  ...KEY_ISSUES.map((k, i) => propose(k, `2009-0${2 + (i % 2)}-1${i}`)),
  { type: 'RecordVestingDay', data: { occurredAt: '2009-04-01' } },
  appoint(
    'm-probation',
    'Chief Officer',
    'Member',
    'Cheshire Probation Area',
    'probation-board',
    '2009-04-20',
  ),
  appoint(
    'm-yot',
    'YOT Manager',
    'Member',
    'Cheshire East Youth Offending Team',
    'youth-offending-team',
    '2009-04-20',
  ),
  appoint(
    'm-sha',
    'Director of Commissioning',
    'Member',
    'NHS North West',
    'strategic-health-authority',
    '2009-04-20',
  ),
  appoint(
    'm-connexions',
    'Chief Executive',
    'Member',
    'Connexions Cheshire and Warrington',
    'connexions',
    '2009-04-20',
  ),
  appoint(
    'm-lsc',
    'Area Director',
    'Member',
    'Learning and Skills Council',
    'learning-and-skills-council',
    '2009-04-20',
  ),
  appoint(
    'm-fire',
    'Area Manager',
    'Member',
    'Cheshire Fire and Rescue Service',
    'fire-and-rescue',
    '2009-04-20',
  ),
  meeting('ib-5', 'implementation-board', '2009-05-26'),
  ...EARLY_AGREED.map((k) => agree(k, '2009-05-26', 'ib-5')),
];

export const inaugurate = (occurredAt: string): TrustCommand => ({
  type: 'InaugurateBoard',
  data: { boardName: "Cheshire East Children's Trust Board", chair: 'Lead Member for Children', occurredAt },
});

export const fromJune: TrustCommand[] = [
  meeting('ib-6', 'implementation-board', '2009-06-22'),
  ...LATE_AGREED.map((k) => agree(k, '2009-06-22', 'ib-6')),
  {
    type: 'AdoptGovernanceDocument',
    data: {
      documentId: 'constitution',
      kind: 'constitution',
      title: "Children's Trust Constitution",
      version: '2009.1',
      occurredAt: '2009-06-22',
    },
  },
  {
    type: 'EstablishBusinessUnit',
    data: {
      manager: 'Trust Development Manager',
      fundingSource: 'Council and PCT',
      website: 'Trust website',
      occurredAt: '2009-06-29',
    },
  },
  inaugurate('2009-07-01'),
  meeting('ctb-1', 'trust-board', '2009-07-01'),
  {
    type: 'RecordDecision',
    data: {
      decisionId: 'd-commissioning',
      title: 'Adopt the joint commissioning model',
      tier: 'board',
      leadAgency: 'Central and Eastern Cheshire PCT',
      rationale: 'Key issue agreed by the implementation board',
      meetingId: 'ctb-1',
      effectiveFrom: '2009-09-01',
      occurredAt: '2009-07-01',
    },
  },
  {
    type: 'DraftPlan',
    data: {
      planId: plan,
      title: 'Cheshire Children Plan 2008-11 (adopted)',
      period: '2008-11',
      occurredAt: '2009-07-01',
    },
  },
  { type: 'OpenPlanConsultation', data: { planId: plan, closesOn: '2009-08-31', occurredAt: '2009-07-15' } },
  { type: 'ConsultLscb', data: { planId: plan, response: 'Endorsed', occurredAt: '2009-08-20' } },
  {
    type: 'ApprovePlan',
    data: { planId: plan, approvedBy: "Children's Trust Board", occurredAt: '2009-09-14' },
  },
  { type: 'PublishPlan', data: { planId: plan, url: null, occurredAt: '2009-09-30' } },
  { type: 'StartPlanAnnualReview', data: { planId: plan, reviewYear: '2009-10', occurredAt: '2010-01-11' } },
  {
    type: 'CompletePlanAnnualReview',
    data: { planId: plan, summary: 'Reviewed and approved', occurredAt: '2010-04-26' },
  },
];
