import {
  appointAll,
  agreeKeyIssues,
  ALL_KEY_ISSUES,
  meeting,
  proposeKeyIssues,
  scheduleTemplate,
  type DemoCouncil,
  type Seat,
} from './builders';
import type { TrustCommand } from '@trustworks/trust-domain';

/**
 * Dudley (seed 003): a trust in place since April 2007 with a constitution, a decision-making protocol
 * and a section 10 agreement signed by all partners, then its CYPP 2008-11 produced and published in
 * January 2008. Days, and the names of post-holders, are illustrative.
 */
const SEATS: Seat[] = [
  ['d-dcs', "Director of Children's Services", 'Chair (DCS)', 'Dudley MBC', 'local-authority'],
  [
    'd-police-authority',
    'Police Authority member',
    'Member',
    'West Midlands Police Authority',
    'police-authority',
  ],
  ['d-police', 'Chief Superintendent', 'Member', 'West Midlands Police', 'chief-officer-of-police'],
  ['d-probation', 'Area Manager', 'Member', 'West Midlands Probation', 'probation-board'],
  ['d-yot', 'YOT Manager', 'Member', 'Dudley Youth Offending Service', 'youth-offending-team'],
  ['d-sha', 'Director of Public Health', 'Member', 'West Midlands SHA', 'strategic-health-authority'],
  ['d-pct', 'Chief Executive', 'Member', 'Dudley PCT', 'primary-care-trust'],
  ['d-connexions', 'Area Manager', 'Member', 'Connexions Black Country', 'connexions'],
  ['d-lsc', 'Partnership Director', 'Member', 'LSC Black Country', 'learning-and-skills-council'],
];

const ORGANISATIONS = [...new Set(SEATS.map((s) => s[3]))];
const PLAN = 'dudley-cypp-2008-11';

const signAll: TrustCommand[] = ORGANISATIONS.map((organisation) => ({
  type: 'SignGovernanceDocument',
  data: {
    documentId: 'section-10-agreement',
    organisation,
    signedBy: `Chief officer of ${organisation}`,
    occurredAt: '2007-03-26',
  },
}));

export const DUDLEY: DemoCouncil = {
  trustId: 'demo-dudley',
  authority: 'dudley',
  source: "Dudley MBC, Children's Trust arrangements and the CYPP 2008-11 timetable (seed 003)",
  commands: [
    {
      type: 'ProposeTrust',
      data: {
        trustId: 'demo-dudley',
        authority: 'dudley',
        name: "Dudley Children's Trust",
        governanceModel: 'partnership-agreement',
        ageFrom: 0,
        ageTo: 19,
        ageExtendedTo: 25,
        parentPartnership: 'Dudley Community Partnership',
        newAuthority: false,
        vestingDay: null,
        twoTierArea: false,
        districtCouncils: [],
        occurredAt: '2006-06-01',
      },
    },
    {
      type: 'GiveApprovalToProceed',
      data: { approvedBy: 'Dudley MBC Cabinet', reference: null, occurredAt: '2006-07-12' },
    },
    {
      type: 'RecordDirectorOfChildrensServicesInPost',
      data: { person: "Director of Children's Services", occurredAt: '2006-07-12' },
    },
    {
      type: 'ConveneImplementationBoard',
      data: {
        boardName: "Children's Trust Implementation Group",
        chair: "Director of Children's Services",
        occurredAt: '2006-09-05',
      },
    },
    ...appointAll(SEATS, '2006-09-05'),
    meeting('ig-2006-09-05', 'Implementation Group', '2006-09-05', [
      'd-dcs',
      'd-pct',
      'd-police',
      'd-connexions',
    ]),
    ...proposeKeyIssues(ALL_KEY_ISSUES, '2006-10-10'),
    meeting('ig-2007-02-13', 'Implementation Group', '2007-02-13', [
      'd-dcs',
      'd-pct',
      'd-police',
      'd-yot',
      'd-lsc',
    ]),
    ...agreeKeyIssues(ALL_KEY_ISSUES, '2007-02-13', 'ig-2007-02-13'),
    {
      type: 'AdoptGovernanceDocument',
      data: {
        documentId: 'constitution',
        kind: 'constitution',
        title: "Dudley Children's Trust constitution",
        version: '1.0',
        occurredAt: '2007-03-12',
      },
    },
    {
      type: 'AdoptGovernanceDocument',
      data: {
        documentId: 'decision-making-protocol',
        kind: 'decision-making-protocol',
        title: 'Decision-making protocol',
        version: '1.0',
        occurredAt: '2007-03-12',
      },
    },
    {
      type: 'AdoptGovernanceDocument',
      data: {
        documentId: 'section-10-agreement',
        kind: 'section-10-agreement',
        title: 'Section 10 agreement',
        version: '1.0',
        occurredAt: '2007-03-12',
      },
    },
    ...signAll,
    {
      type: 'EstablishBusinessUnit',
      data: {
        manager: "Partnership and Children's Trust Division",
        fundingSource: 'Pooled partner contributions',
        website: null,
        occurredAt: '2007-03-30',
      },
    },
    {
      type: 'InaugurateBoard',
      data: {
        boardName: "Dudley Children's Trust Executive Board",
        chair: "Director of Children's Services",
        occurredAt: '2007-04-02',
      },
    },
    scheduleTemplate(
      'dudley-cypp-2008-11',
      { 'stakeholder-conference': '2007-10-09', 'select-committee': '2007-11-15', publication: '2008-01-01' },
      '2007-06-01',
    ),
    {
      type: 'DraftPlan',
      data: {
        planId: PLAN,
        title: "Children and Young People's Plan 2008-11",
        period: '2008-11',
        occurredAt: '2007-11-01',
      },
    },
    {
      type: 'OpenPlanConsultation',
      data: { planId: PLAN, closesOn: '2007-12-14', occurredAt: '2007-11-16' },
    },
    {
      type: 'ConsultLscb',
      data: { planId: PLAN, response: 'Safeguarding priorities strengthened', occurredAt: '2007-12-04' },
    },
    {
      type: 'RecordDecision',
      data: {
        decisionId: 'eb-2007-12-18',
        title: 'Approve the CYPP 2008-11 for publication',
        tier: 'executive',
        leadAgency: 'Dudley MBC',
        rationale:
          "Enacted through the Council's own decision process, as the decision-making protocol requires",
        meetingId: null,
        effectiveFrom: '2008-01-01',
        occurredAt: '2007-12-18',
      },
    },
    {
      type: 'ApprovePlan',
      data: { planId: PLAN, approvedBy: "Children's Trust Executive Board", occurredAt: '2007-12-18' },
    },
    { type: 'PublishPlan', data: { planId: PLAN, url: null, occurredAt: '2008-01-28' } },
  ],
};
