import type { ProgrammeTemplate } from './types';

/*
 * Dudley, report of the Director of Children's Services to the Select Committee on Children's
 * Services, 17 September 2007, "Children's Trust and Children and Young People's Plan" (seed 003).
 * Line numbers are those of shared/seeds/003_5f99651857977bf9.txt.
 *
 * Deviation, on purpose: the paper's timetable (l.94-100) prints 2006 / January 2007 for every step
 * before publication in January 2008. Those years cannot be right for this plan: the decision to
 * publish a new plan in January 2008 was only taken after the March 2007 guidance (l.11-14), the
 * paper of September 2007 still speaks of these steps as to come, and a draft goes to the Select
 * Committee on 15 November 2007 (l.123). Read as 2007 the days are weekdays (9 Oct 2007 a Tuesday,
 * 22 and 25 Oct Monday and Thursday; 22 Oct 2006 was a Sunday). So the steps are placed in 2007 / Jan 2008.
 *
 * Anchors: 'stakeholder-conference' (the day of the all-stakeholder conference), 'select-committee'
 * (the meeting that sees the draft plan) and 'publication' (the month of publication).
 */

const TIMETABLE = "§15, Plan for Development of Children and Young People's Plan 2008 – 2011";
const ENGAGEMENT = 'Needs assessment and engagement';
const PRODUCTION = 'Production';
const PUBLICATION = 'Publication';
const SELECT_COMMITTEE = "Select Committee on Children's Services";
/** l.120-121: the Division undertakes the Joint Needs Analysis and the plan is "positioned with" it. */
const DIVISION = "Partnership and Children's Trust Division";

export const DUDLEY_CYPP_2008_11: ProgrammeTemplate = {
  id: 'dudley-cypp-2008-11',
  name: "Dudley: Children and Young People's Plan 2008-11",
  description:
    "Produce and publish a new Children and Young People's Plan aligned with partners' planning and the " +
    'Local Area Agreement: needs assessment, a stakeholder conference, conferences for children and young ' +
    'people, production with formal consultation, a draft to scrutiny, publication.',
  source: {
    document:
      "Dudley MBC, Director of Children's Services to the Select Committee on Children's Services, " +
      '17 September 2007 (seed 003)',
    section: TIMETABLE,
  },
  anchors: [
    { key: 'stakeholder-conference', label: 'Conference for all stakeholders' },
    { key: 'select-committee', label: 'Select Committee meeting that receives the draft plan' },
    { key: 'publication', label: 'Month the new plan is published' },
  ],
  phases: [ENGAGEMENT, PRODUCTION, PUBLICATION],
  gates: [SELECT_COMMITTEE],
  milestones: [
    {
      key: 'needs-assessment',
      title: 'Ongoing development of Needs Assessment (Joint Needs Analysis)',
      owner: DIVISION,
      due: { anchor: 'publication', months: -2, endOfMonth: true }, // l.95: "June – November 2006" (read 2007): due end of November
      dependsOn: [],
      phase: ENGAGEMENT,
      source: `${TIMETABLE} (l.95, printed "2006"); §20 (l.120)`,
    },
    {
      key: 'stakeholder-conference',
      title: 'Conference for all stakeholders',
      owner: DIVISION,
      due: { anchor: 'stakeholder-conference' }, // l.96: "9 October 2006" (read 2007)
      dependsOn: [],
      phase: ENGAGEMENT,
      source: `${TIMETABLE} (l.96, printed "2006")`,
    },
    {
      key: 'children-conference-1',
      title: 'Conference for children and young people (first)',
      owner: DIVISION,
      due: { anchor: 'stakeholder-conference', days: 13 }, // l.97: "22 and 25 October 2006" (read 2007): the 22nd
      dependsOn: [],
      phase: ENGAGEMENT,
      source: `${TIMETABLE} (l.97, printed "2006")`,
    },
    {
      key: 'children-conference-2',
      title: 'Conference for children and young people (second)',
      owner: DIVISION,
      due: { anchor: 'stakeholder-conference', days: 16 }, // l.97: "22 and 25 October 2006" (read 2007): the 25th
      dependsOn: [],
      phase: ENGAGEMENT,
      source: `${TIMETABLE} (l.97, printed "2006")`,
    },
    {
      key: 'draft-plan-to-select-committee',
      title: 'Draft plan reported back to the Select Committee',
      owner: "Director of Children's Services",
      due: { anchor: 'select-committee' }, // l.123: "report back to the Select Committee with a draft plan at the meeting on 15 November 2007"
      dependsOn: ['stakeholder-conference', 'children-conference-1', 'children-conference-2'],
      phase: PRODUCTION,
      gate: SELECT_COMMITTEE,
      source: '§20 recommendations (l.123)',
    },
    {
      key: 'plan-production',
      title:
        "Production of revised Children and Young People's Plan 2008-2011, with formal consultation with partner agencies",
      owner: DIVISION,
      due: { anchor: 'publication', endOfMonth: true }, // l.98: "November 2006 – January 2007" (read Nov 2007 – Jan 2008): due end of January
      dependsOn: [
        'needs-assessment',
        'stakeholder-conference',
        'children-conference-1',
        'children-conference-2',
      ],
      phase: PRODUCTION,
      source: `${TIMETABLE} (l.98, printed "2006 – 2007"); §20 (l.121)`,
    },
    {
      key: 'plan-summary',
      title: 'Production of summary of the Plan with children and young people',
      owner: DIVISION,
      due: { anchor: 'publication', endOfMonth: true }, // l.99: "November 2006 – January 2007" (read Nov 2007 – Jan 2008)
      dependsOn: ['children-conference-1', 'children-conference-2'],
      phase: PRODUCTION,
      source: `${TIMETABLE} (l.99, printed "2006 – 2007"); §19 (l.113)`,
    },
    {
      key: 'plan-published',
      title: 'Publication of new plan, in line with planning processes of partners',
      owner: "Director of Children's Services",
      due: { anchor: 'publication', endOfMonth: true }, // l.100: "January 2008 Publication of new plan"; also l.11, l.46
      dependsOn: ['plan-production', 'plan-summary', 'draft-plan-to-select-committee'],
      completedBy: { eventType: 'PlanPublished' },
      phase: PUBLICATION,
      source: `${TIMETABLE} (l.100); §1 (l.11)`,
    },
  ],
};
