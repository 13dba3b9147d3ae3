import type { KeyIssue } from '../vocabulary';
import type { MilestoneTemplate, ProgrammeTemplate } from './types';

/*
 * Haringey Strategic Partnership, "Update on Development of Children's Trust", 27 April 2009
 * (seed 002), §3.0 Draft Timetable. Line numbers are those of shared/seeds/002_c59d9265763b1911.txt.
 * One anchor, the first Children's Trust meeting (13 July 2009, l.204); every committee date is a
 * day offset back from it, so the paper's own dates come back exactly when it is given.
 * The Executive Performance Management Group and the sub-groups are "TBA" in the paper (l.205-206):
 * their anchors are optional and, if not given, fall back on the first trust meeting's date.
 */

const TIMETABLE = "§3.0 Draft Timetable for creation of Children's Trust";
const PHASE_1 = "Phase 1: Consultation on options for Children's Trust";
const PHASE_2 = 'Phase 2: Agreement of governance model, membership and sub group framework';
const PHASE_3 = 'Phase 3: Implementation';
const CYPSB = 'CYPSB';
const HSP_PMG = 'HSP PMG';
const CABINET = 'Cabinet';
const HSP = 'HSP';
/** "Report of: Chief Executive – Haringey Council" (l.11): the officer taking the papers through the gates. */
const CHIEF_EXECUTIVE = 'Chief Executive, Haringey Council';
const FIRST_MEETING = 'first-trust-meeting';

function gate(
  phaseNumber: 1 | 2,
  committee: string,
  days: number,
  dependsOn: string[],
  line: number,
): MilestoneTemplate {
  const slug = committee.toLowerCase().replace(/ /g, '-');
  return {
    key: `phase-${phaseNumber}-${slug}`,
    title: `${phaseNumber === 1 ? "Options for the Children's Trust" : 'Governance model, membership and sub group framework'} considered by ${committee}`,
    owner: CHIEF_EXECUTIVE,
    due: { anchor: FIRST_MEETING, days },
    dependsOn,
    phase: phaseNumber === 1 ? PHASE_1 : PHASE_2,
    gate: committee,
    source: `${TIMETABLE} (l.${line})`,
  };
}

/** Phase 2 ends with the HSP agreeing the three things the phase is named after (l.195). */
function agreedAtHsp(key: string, title: string, keyIssue: KeyIssue): MilestoneTemplate {
  return {
    key,
    title,
    owner: CHIEF_EXECUTIVE,
    due: { anchor: FIRST_MEETING, days: -20 }, // l.200: "HSP 23rd June 2009"
    dependsOn: ['phase-2-hsp'],
    completedBy: { eventType: 'KeyIssueAgreed', keyIssue },
    phase: PHASE_2,
    gate: HSP,
    source: `${TIMETABLE} (l.195, l.200)`,
  };
}

export const HARINGEY_CHILDRENS_TRUST: ProgrammeTemplate = {
  id: 'haringey-childrens-trust',
  name: 'Haringey: three phases through committee gates',
  description:
    "Replace the Children and Young People's Strategic Partnership Board with a Children's Trust: consult " +
    'on options, agree the governance model, membership and sub-group framework, each through CYPSB, the HSP ' +
    'Performance Management Group, Cabinet and the Haringey Strategic Partnership; then implement.',
  source: {
    document:
      'Haringey Strategic Partnership, "Update on Development of Children\'s Trust", 27 April 2009 (seed 002)',
    section: TIMETABLE,
  },
  anchors: [
    { key: FIRST_MEETING, label: "First Children's Trust meeting" },
    {
      key: 'executive-group-meeting',
      label: 'First Executive Performance Management Group meeting (TBA in the paper)',
      fallback: { anchor: FIRST_MEETING },
    },
    {
      key: 'sub-groups-meeting',
      label: "First Children's Trust sub-group meetings (TBA in the paper)",
      fallback: { anchor: FIRST_MEETING },
    },
  ],
  phases: [PHASE_1, PHASE_2, PHASE_3],
  gates: [CYPSB, HSP_PMG, CABINET, HSP],
  milestones: [
    gate(1, CYPSB, -97, [], 190), // l.190: "CYSPB 7th April 2009" (sic: CYPSB)
    gate(1, HSP_PMG, -95, ['phase-1-cypsb'], 191), // l.191: "HSP PMG 9th April 2009"
    gate(1, CABINET, -83, ['phase-1-hsp-pmg'], 192), // l.192: "Cabinet 21st April 2009"
    gate(1, HSP, -77, ['phase-1-cabinet'], 193), // l.193: "HSP 27th April 2009"
    gate(2, CYPSB, -55, ['phase-1-hsp'], 197), // l.197: "CYPSB 19th May 2009"
    gate(2, HSP_PMG, -42, ['phase-2-cypsb'], 198), // l.198: "HSP PMG 1st June 2009"
    gate(2, CABINET, -27, ['phase-2-hsp-pmg'], 199), // l.199: "Cabinet 16th June 2009"
    gate(2, HSP, -20, ['phase-2-cabinet'], 200), // l.200: "HSP 23rd June 2009"
    agreedAtHsp('governance-model-agreed', 'Governance model agreed', 'governance'),
    agreedAtHsp('membership-agreed', 'Membership agreed', 'membership'),
    agreedAtHsp('sub-group-framework-agreed', 'Sub group framework agreed', 'delivery-structure'),
    {
      key: 'first-trust-meeting',
      title: "Children's Trust Meeting",
      owner: "Director of Children and Young People's Service",
      due: { anchor: FIRST_MEETING }, // l.204: "Children's Trust Meeting 13th July 2009"
      dependsOn: ['governance-model-agreed', 'membership-agreed', 'sub-group-framework-agreed'],
      completedBy: { eventType: 'BoardInaugurated' },
      phase: PHASE_3,
      source: `${TIMETABLE} (l.204)`,
    },
    {
      key: 'executive-group-established',
      title: "Children's Trust Executive Performance Management Group",
      owner: "Chair of the Children's Trust",
      due: { anchor: 'executive-group-meeting' }, // l.205: "Children's Trust Executive Performance Management Group TBA"
      dependsOn: ['first-trust-meeting'],
      phase: PHASE_3,
      source: `${TIMETABLE} (l.205); §2.6-2.7 (l.132-150)`,
    },
    {
      key: 'sub-groups-established',
      title: 'Children Trust Sub Groups',
      owner: "Children's Trust Executive Performance Management Group",
      due: { anchor: 'sub-groups-meeting' }, // l.206: "Children Trust Sub Groups TBA"
      dependsOn: ['first-trust-meeting', 'sub-group-framework-agreed'],
      phase: PHASE_3,
      source: `${TIMETABLE} (l.206); §2.8 (l.152-184)`,
    },
  ],
};
