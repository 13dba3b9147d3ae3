import { KEY_ISSUES, type KeyIssue } from '../vocabulary';
import type { MilestoneTemplate, ProgrammeTemplate } from './types';

/*
 * Cheshire East Council, Cabinet report "Children's Trust – Implementation", 2 December 2008
 * (seed 000). Line numbers below are those of shared/seeds/000_1dd2ac53d0455113.txt.
 * Anchors: 'approval' (the Shadow Authority's approval to proceed, October 2008; any day of that
 * month gives the paper's dates) and 'vesting-day' (1 April 2009).
 * Month-only dates are due on the month's last day (endOfMonth).
 */

const SCHEDULE = 'Appendix 2, Outline Schedule of Day 1 / Year 1';
const SHADOW = 'Shadow period';
const DAY_1 = 'Day 1';
const YEAR_1 = 'Year 1';
const DCS = "Strategic Director People (Director of Children's Services)";
const IMPLEMENTATION_BOARD = "Children's Trust Implementation Board";
const BUSINESS_UNIT_MANAGER = 'Trust Development / Business Unit Manager';

// 000 l.201-210: "June 2009 - Implementation Board completes review of key issues:" then one line each.
const JUNE_2009 = { anchor: 'vesting-day', months: 2, endOfMonth: true } as const;
const KEY_ISSUE_TITLES: Readonly<Record<KeyIssue, string>> = {
  membership: 'Full Membership agreed', // l.203
  governance: 'Governance arrangements agreed', // l.204
  'strategic-commissioning': 'Strategic Commissioning approach/model agreed', // l.205
  'delivery-structure': 'Delivery structure approved (with appropriate leads for all outcome groups)', // l.206
  'business-unit': 'Business Unit role and resources (incl funding source and level) agreed', // l.207
  'integrated-working': 'Integrated working arrangements agreed', // l.208
  'objectives-priorities-targets': 'Objectives and Priorities and Targets set (incl with GONW)', // l.209
  'performance-monitoring': 'Performance monitoring arrangements in place', // l.210
};

const keyIssueMilestones: MilestoneTemplate[] = KEY_ISSUES.map((keyIssue) => ({
  key: `key-issue-${keyIssue}`,
  title: KEY_ISSUE_TITLES[keyIssue],
  owner: IMPLEMENTATION_BOARD,
  due: JUNE_2009,
  dependsOn: ['key-issue-review-started'],
  completedBy: { eventType: 'KeyIssueAgreed', keyIssue },
  phase: YEAR_1,
  source: `${SCHEDULE} (l.201-210)`,
}));

export const CHESHIRE_EAST_DAY_1_YEAR_1: ProgrammeTemplate = {
  id: 'cheshire-east-day-1-year-1',
  name: 'Cheshire East: Day 1 / Year 1',
  description:
    "A new unitary authority sets up its own Children's Trust: approval, facilitator and DCS, a shadow " +
    'Implementation Board that agrees the eight key issues over six months either side of vesting day, ' +
    "then the full Children's Trust Board and the first review of the Children Plan.",
  source: {
    document:
      'Cheshire East Council, Cabinet report "Children\'s Trust – Implementation", 2 December 2008 (seed 000)',
    section: SCHEDULE,
  },
  anchors: [
    { key: 'approval', label: 'Shadow Authority approval to proceed (month)' },
    { key: 'vesting-day', label: 'Vesting day of the new authority' },
  ],
  phases: [SHADOW, DAY_1, YEAR_1],
  milestones: [
    {
      key: 'approval-to-proceed',
      title: 'Shadow Authority approval to proceed to implementation re Trusts (linked to LSP decisions)',
      owner: 'Shadow Authority Cabinet',
      due: { anchor: 'approval', endOfMonth: true }, // l.183: "October 2008 - Shadow Authority approvals to proceed"
      dependsOn: [],
      completedBy: { eventType: 'ApprovalToProceedGiven' },
      phase: SHADOW,
      source: `${SCHEDULE} (l.183-185)`,
    },
    {
      key: 'facilitator-identified',
      title: 'Set-up facilitator identified (Business Unit development manager)',
      owner: DCS,
      due: { anchor: 'approval', months: 1, endOfMonth: true }, // l.187: "November 2008 - Set up facilitators identified"
      dependsOn: ['approval-to-proceed'],
      completedBy: { eventType: 'FacilitatorAppointed' },
      phase: SHADOW,
      source: `${SCHEDULE} (l.187-189); §3.1 (l.29)`,
    },
    {
      key: 'dcs-in-post',
      title: "Director of Children's Services takes up post",
      owner: 'Shadow Authority',
      due: { anchor: 'approval', months: 2, endOfMonth: true }, // l.191: "December 2008 - Directors of Children's Services take up posts"
      dependsOn: [],
      completedBy: { eventType: 'DirectorOfChildrensServicesInPost' },
      phase: SHADOW,
      source: `${SCHEDULE} (l.191)`,
    },
    {
      key: 'implementation-board-convened',
      title: "Children's Trust Implementation Board convened",
      owner: DCS,
      due: { anchor: 'approval', months: 3, endOfMonth: true }, // l.193-195: "January 2009 - ... Implementation Boards convened"
      dependsOn: ['approval-to-proceed', 'facilitator-identified', 'dcs-in-post'],
      completedBy: { eventType: 'ImplementationBoardConvened' },
      phase: SHADOW,
      source: `${SCHEDULE} (l.193-195); Appendix 1 §1 (l.88-98)`,
    },
    {
      key: 'key-issue-review-started',
      title: 'Implementation Board starts 6 month review of key issues',
      owner: IMPLEMENTATION_BOARD,
      due: { anchor: 'approval', months: 3, endOfMonth: true }, // l.197: "TASK: Implementation Board start 6 month review" (January 2009)
      dependsOn: ['implementation-board-convened'],
      phase: SHADOW,
      source: `${SCHEDULE} (l.197); Appendix 1 §1 (l.113)`,
    },
    {
      key: 'vesting-day',
      title: 'Vesting Day',
      owner: 'Cheshire East Council',
      due: { anchor: 'vesting-day' }, // l.199: "1 April 2009 - Vesting Day"
      dependsOn: [],
      completedBy: { eventType: 'VestingDayReached' },
      phase: DAY_1,
      source: `${SCHEDULE} (l.199)`,
    },
    ...keyIssueMilestones,
    {
      key: 'business-unit-established',
      title: 'Business Unit set up and staffed',
      owner: BUSINESS_UNIT_MANAGER,
      due: JUNE_2009, // l.212: "June 2009 - Business Unit set up and staffed"
      dependsOn: ['key-issue-business-unit'],
      completedBy: { eventType: 'BusinessUnitEstablished' },
      phase: YEAR_1,
      source: `${SCHEDULE} (l.212)`,
    },
    {
      key: 'trust-website',
      title: 'Business Unit sets up the Trust website',
      owner: BUSINESS_UNIT_MANAGER,
      due: JUNE_2009, // l.214: "TASK: Business Units set up Trust websites", listed under June 2009, before July
      dependsOn: ['business-unit-established'],
      phase: YEAR_1,
      source: `${SCHEDULE} (l.214)`,
    },
    {
      key: 'board-inaugurated',
      title: "Children's Trust Board inaugurated",
      owner: DCS,
      due: { anchor: 'vesting-day', months: 3 }, // l.215 "July 2009"; l.113 "set up by 1 July 2009"
      dependsOn: ['vesting-day', ...keyIssueMilestones.map((m) => m.key)],
      completedBy: { eventType: 'BoardInaugurated' },
      phase: YEAR_1,
      source: `${SCHEDULE} (l.215); Appendix 1 §1 (l.113)`,
    },
    {
      key: 'children-plan-approved',
      title: 'Children Plan reviewed and approved',
      owner: "Children's Trust Board",
      due: { anchor: 'vesting-day', months: 12, endOfMonth: true }, // l.216: "April 2010 - Children Plan reviewed and approved"
      dependsOn: ['board-inaugurated'],
      completedBy: { eventType: 'PlanApproved' },
      phase: YEAR_1,
      source: `${SCHEDULE} (l.216); §2.3 (l.25)`,
    },
  ],
};
