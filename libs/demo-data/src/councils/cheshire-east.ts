import type { KeyIssue, TrustCommand } from '@trustworks/trust-domain';
import {
  ALL_KEY_ISSUES,
  agreeKeyIssues,
  appointAll,
  meeting,
  proposeKeyIssues,
  scheduleTemplate,
  type DemoCouncil,
  type Seat,
} from './builders';

/**
 * Cheshire East's Day 1 / Year 1 (seed 000, Cabinet 2 December 2008), as it might have been recorded:
 * approval in October 2008 to the Children Plan review of April 2010. Days within the paper's months,
 * and the names of post-holders, are illustrative.
 */
const CORE: Seat[] = [
  ['m-dcs', 'Strategic Director People', 'Chair (DCS)', 'Cheshire East Council', 'local-authority'],
  ['m-lead-member', 'Lead Member for Children', 'Lead Member', 'Cheshire East Council', 'local-authority'],
  [
    'm-police-authority',
    'Chair of the Police Authority',
    'Member',
    'Cheshire Police Authority',
    'police-authority',
  ],
  ['m-chief-constable', 'Chief Constable', 'Member', 'Cheshire Constabulary', 'chief-officer-of-police'],
  ['m-schools-forum', 'Chair of the Schools Forum', 'Member', 'Cheshire East Schools Forum', 'schools-forum'],
  ['m-dph', 'Director of Public Health', 'Member', 'Central and Eastern Cheshire PCT', 'public-health'],
  [
    'm-pct',
    'PCT Director of Commissioning',
    'Member',
    'Central and Eastern Cheshire PCT',
    'primary-care-trust',
  ],
  ['m-bu', 'Trust Development Manager', 'Business unit manager', 'Cheshire East Council', 'local-authority'],
];

const FULL: Seat[] = [
  ['m-probation', 'Chief Officer', 'Member', 'Cheshire Probation Area', 'probation-board'],
  ['m-yot', 'YOT Manager', 'Member', 'Cheshire East Youth Offending Team', 'youth-offending-team'],
  ['m-sha', 'Director of Commissioning', 'Member', 'NHS North West', 'strategic-health-authority'],
  ['m-connexions', 'Chief Executive', 'Member', 'Connexions Cheshire and Warrington', 'connexions'],
  ['m-lsc', 'Area Director', 'Member', 'Learning and Skills Council', 'learning-and-skills-council'],
  ['m-fire', 'Area Manager', 'Member', 'Cheshire Fire and Rescue Service', 'fire-and-rescue'],
];

const BOARD = ['m-dcs', 'm-lead-member', 'm-pct', 'm-chief-constable', 'm-schools-forum'];
const EARLY: KeyIssue[] = [
  'membership',
  'governance',
  'strategic-commissioning',
  'integrated-working',
  'objectives-priorities-targets',
];
const LATE = ALL_KEY_ISSUES.filter((k) => !EARLY.includes(k));
const PLAN = 'cheshire-children-plan-2008-11';

/** The template's manual milestones (no lifecycle event completes them). */
const complete = (key: string, occurredAt: string, note: string): TrustCommand => ({
  type: 'CompleteMilestone',
  data: { milestoneId: `cheshire-east-day-1-year-1:${key}`, note, occurredAt },
});

export const CHESHIRE_EAST: DemoCouncil = {
  trustId: 'demo-cheshire-east',
  authority: 'cheshire-east',
  source: "Cheshire East Council Cabinet, 2 December 2008: Children's Trust - implementation (seed 000)",
  commands: [
    {
      type: 'ProposeTrust',
      data: {
        trustId: 'demo-cheshire-east',
        authority: 'cheshire-east',
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
    scheduleTemplate(
      'cheshire-east-day-1-year-1',
      { approval: '2008-10-01', 'vesting-day': '2009-04-01' },
      '2008-10-01',
    ),
    {
      type: 'GiveApprovalToProceed',
      data: {
        approvedBy: 'Cheshire East Shadow Authority',
        reference: 'Cabinet 2 December 2008',
        occurredAt: '2008-10-27',
      },
    },
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
    ...appointAll(CORE, '2009-01-19'),
    meeting('ib-2009-01-19', 'Implementation Board', '2009-01-19', BOARD),
    complete(
      'key-issue-review-started',
      '2009-01-19',
      'Six-month review of the key issues opened at the first meeting',
    ),
    ...proposeKeyIssues(EARLY, '2009-02-16'),
    ...proposeKeyIssues(LATE, '2009-03-16'),
    { type: 'RecordVestingDay', data: { occurredAt: '2009-04-01' } },
    ...appointAll(FULL, '2009-04-20'),
    meeting('ib-2009-05-26', 'Implementation Board', '2009-05-26', BOARD, ['m-police-authority']),
    ...agreeKeyIssues(EARLY, '2009-05-26', 'ib-2009-05-26'),
    meeting('ib-2009-06-22', 'Implementation Board', '2009-06-22', BOARD),
    ...agreeKeyIssues(LATE, '2009-06-22', 'ib-2009-06-22'),
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
        website: 'https://example.invalid/cheshire-east-childrens-trust',
        occurredAt: '2009-06-29',
      },
    },
    complete('trust-website', '2009-06-30', 'Trust website live'),
    {
      type: 'InaugurateBoard',
      data: {
        boardName: "Cheshire East Children's Trust Board",
        chair: 'Lead Member for Children',
        occurredAt: '2009-07-01',
      },
    },
    meeting('ctb-2009-07-01', "Children's Trust Board", '2009-07-01', [
      ...BOARD,
      'm-probation',
      'm-yot',
      'm-connexions',
    ]),
    {
      type: 'RecordDecision',
      data: {
        decisionId: 'd-2009-001',
        title: 'Adopt the joint commissioning model',
        tier: 'board',
        leadAgency: 'Central and Eastern Cheshire PCT',
        rationale: 'Key issue agreed by the implementation board in May',
        meetingId: 'ctb-2009-07-01',
        effectiveFrom: '2009-09-01',
        occurredAt: '2009-07-01',
      },
    },
    {
      type: 'DraftPlan',
      data: {
        planId: PLAN,
        title: 'Cheshire Children Plan 2008-11 (adopted)',
        period: '2008-11',
        occurredAt: '2009-07-01',
      },
    },
    {
      type: 'OpenPlanConsultation',
      data: { planId: PLAN, closesOn: '2009-08-31', occurredAt: '2009-07-15' },
    },
    {
      type: 'ConsultLscb',
      data: { planId: PLAN, response: 'Endorsed by the LSCB', occurredAt: '2009-08-20' },
    },
    {
      type: 'ApprovePlan',
      data: { planId: PLAN, approvedBy: "Children's Trust Board", occurredAt: '2009-09-14' },
    },
    { type: 'PublishPlan', data: { planId: PLAN, url: null, occurredAt: '2009-09-30' } },
    {
      type: 'StartPlanAnnualReview',
      data: { planId: PLAN, reviewYear: '2009-10', occurredAt: '2010-01-11' },
    },
    {
      type: 'CompletePlanAnnualReview',
      data: { planId: PLAN, summary: 'Children Plan reviewed and approved', occurredAt: '2010-04-26' },
    },
  ],
};
