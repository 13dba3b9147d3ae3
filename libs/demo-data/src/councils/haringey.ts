import type { KeyIssue, TrustCommand } from '@trustworks/trust-domain';
import {
  agreeKeyIssues,
  appointAll,
  meeting,
  proposeKeyIssues,
  scheduleTemplate,
  type DemoCouncil,
  type Seat,
} from './builders';

/**
 * Haringey (seed 002, HSP 27 April 2009): replacing the CYPSB with a Children's Trust under a signed
 * partnership agreement, through the CYPSB, HSP PMG, Cabinet and HSP gates. The demo stops where the
 * paper does, at the end of phase 2 (June 2009): three key issues agreed at the HSP, the others still
 * open, so the first trust meeting of 13 July 2009 is the next thing due. Names are illustrative.
 */
const SEATS: Seat[] = [
  [
    'h-dcs',
    "Director of the Children and Young People's Service",
    'Chair (DCS)',
    'Haringey Council',
    'local-authority',
  ],
  [
    'h-lead-member',
    'Cabinet Member for Children and Young People',
    'Lead Member',
    'Haringey Council',
    'local-authority',
  ],
  ['h-police', 'Borough Commander', 'Member', 'Metropolitan Police Service', 'chief-officer-of-police'],
  ['h-mpa', 'MPA link member', 'Member', 'Metropolitan Police Authority', 'police-authority'],
  ['h-pct', 'Chief Executive', 'Member', 'NHS Haringey', 'primary-care-trust'],
  ['h-gp', 'Lead GP', 'Member', 'NHS Haringey', 'general-practice'],
  ['h-probation', 'Assistant Chief Officer', 'Member', 'London Probation', 'probation-board'],
  [
    'h-yot',
    'Head of Youth Offending Service',
    'Member',
    'Haringey Youth Offending Service',
    'youth-offending-team',
  ],
  [
    'h-vcs',
    'Chief Executive',
    'Member',
    'HAVCO (voluntary and community sector)',
    'voluntary-community-sector',
  ],
];

const AGREED: KeyIssue[] = ['governance', 'membership', 'delivery-structure'];
const ORGANISATIONS = [...new Set(SEATS.map((s) => s[3]))];

const signatures: TrustCommand[] = ORGANISATIONS.slice(0, 5).map((organisation) => ({
  type: 'SignGovernanceDocument',
  data: {
    documentId: 'partnership-agreement',
    organisation,
    signedBy: `Chief officer of ${organisation}`,
    occurredAt: '2009-06-30',
  },
}));

export const HARINGEY: DemoCouncil = {
  trustId: 'demo-haringey',
  authority: 'haringey',
  source:
    "Haringey Strategic Partnership, 27 April 2009: Update on Development of Children's Trust (seed 002)",
  commands: [
    {
      type: 'ProposeTrust',
      data: {
        trustId: 'demo-haringey',
        authority: 'haringey',
        name: "Haringey Children's Trust",
        governanceModel: 'partnership-agreement',
        ageFrom: 0,
        ageTo: 19,
        ageExtendedTo: null,
        parentPartnership: 'Haringey Strategic Partnership',
        newAuthority: false,
        vestingDay: null,
        twoTierArea: false,
        districtCouncils: [],
        occurredAt: '2009-03-31',
      },
    },
    scheduleTemplate('haringey-childrens-trust', { 'first-trust-meeting': '2009-07-13' }, '2009-03-31'),
    {
      type: 'GiveApprovalToProceed',
      data: {
        approvedBy: 'Haringey Strategic Partnership',
        reference: 'HSP 27 April 2009',
        occurredAt: '2009-04-27',
      },
    },
    {
      type: 'RecordDirectorOfChildrensServicesInPost',
      data: { person: "Director of the Children and Young People's Service", occurredAt: '2009-04-27' },
    },
    {
      type: 'ConveneImplementationBoard',
      data: {
        boardName: "Children and Young People's Strategic Partnership Board (shadow trust)",
        chair: "Director of the Children and Young People's Service",
        occurredAt: '2009-05-19',
      },
    },
    ...appointAll(SEATS, '2009-05-19'),
    meeting('cypsb-2009-05-19', 'CYPSB', '2009-05-19', [
      'h-dcs',
      'h-lead-member',
      'h-pct',
      'h-police',
      'h-vcs',
    ]),
    ...proposeKeyIssues(AGREED, '2009-05-19'),
    {
      type: 'AdoptGovernanceDocument',
      data: {
        documentId: 'partnership-agreement',
        kind: 'partnership-agreement',
        title: "Haringey Children's Trust partnership agreement",
        version: '1.0',
        occurredAt: '2009-06-23',
      },
    },
    meeting('hsp-2009-06-23', 'Haringey Strategic Partnership', '2009-06-23', [
      'h-dcs',
      'h-lead-member',
      'h-pct',
      'h-police',
    ]),
    ...agreeKeyIssues(AGREED, '2009-06-23', 'hsp-2009-06-23'),
    {
      type: 'RecordDecision',
      data: {
        decisionId: 'hsp-2009-06-23-1',
        title: 'Adopt the legal framework governance model (signed partnership agreement)',
        tier: 'board',
        leadAgency: 'Haringey Council',
        rationale: 'Phase 2 recommendation: every member signs the agreement and names a deputy',
        meetingId: 'hsp-2009-06-23',
        effectiveFrom: '2009-07-13',
        occurredAt: '2009-06-23',
      },
    },
    ...signatures,
  ],
};
