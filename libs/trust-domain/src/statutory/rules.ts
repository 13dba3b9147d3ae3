/**
 * Which partners section 10 of the Children Act 2004 makes "relevant partners", and from when.
 * Applied by the date of the event being decided (its `occurredAt`), never by today's date, so a
 * replay of 2009 shows the 2009 law. The table is a parameter: where the seed papers give no exact
 * commencement date the source note says so, and a council can correct it with `withStatutoryOverrides`.
 */
import type { CalendarDate, PartnerCategory } from '../vocabulary';

export interface StatutoryPartnerRule {
  readonly category: PartnerCategory;
  readonly description: string;
  readonly appliesFrom: CalendarDate;
  /** The day the duty stopped applying (a body abolished), exclusive; null while it still applies. */
  readonly appliesUntil: CalendarDate | null;
  /** District councils exist only in two-tier areas; a unitary (Cheshire East) has none. */
  readonly appliesTo: 'every-authority' | 'two-tier-areas';
  /** Every organisation of the category must be represented (each district council), not just one. */
  readonly eachOrganisation: boolean;
  readonly source: string;
}

export type StatutoryRuleTable = readonly StatutoryPartnerRule[];

/** Not in the seed papers: the commencement of s.10 itself. Override if your records say otherwise. */
const ACT_2004_COMMENCEMENT = '2005-04-01';
/** Not in the seed papers: they describe the extension as planned (000 §5.2, 001 ¶4). */
const ACT_2009_COMMENCEMENT = '2010-04-01';

const ACT_2004_SOURCE =
  `Children Act 2004 s.10(4), listed in Cheshire East 000 appendix "Relevant Partners under the 2004 Act". ` +
  `The seed papers give no commencement date; ${ACT_2004_COMMENCEMENT} is assumed (s.10 in force in England ` +
  `from April 2005; arrangements required everywhere by April 2008, 000 §5.1). Later abolitions of the body ` +
  `are not in the seed papers either: set appliesUntil to record them.`;

const ACT_2009_SOURCE =
  `Extension of the duty to co-operate announced in the 2008 guidance (000 §5.2, 001 ¶4 and appendix) and ` +
  `made by the Apprenticeships, Skills, Children and Learning Act 2009. The seed papers give no commencement ` +
  `date; ${ACT_2009_COMMENCEMENT} is an assumption to verify against the commencement order.`;

function act2004(category: PartnerCategory, description: string): StatutoryPartnerRule {
  return {
    category,
    description,
    appliesFrom: ACT_2004_COMMENCEMENT,
    appliesUntil: null,
    appliesTo: 'every-authority',
    eachOrganisation: false,
    source: ACT_2004_SOURCE,
  };
}

function act2009(category: PartnerCategory, description: string): StatutoryPartnerRule {
  return { ...act2004(category, description), appliesFrom: ACT_2009_COMMENCEMENT, source: ACT_2009_SOURCE };
}

export const DEFAULT_STATUTORY_RULES: StatutoryRuleTable = [
  {
    ...act2004('local-authority', "The local authority, led by its Director of Children's Services"),
    source: "Children Act 2004 s.10(1): the duty to make arrangements is the authority's own (000 §5.1).",
  },
  {
    ...act2004('district-council', 'Each district council (housing, leisure and recreation)'),
    appliesTo: 'two-tier-areas',
    eachOrganisation: true,
    source: `${ACT_2004_SOURCE} Guidance (001 appendix): engage all district councils, not one for all.`,
  },
  act2004('police-authority', 'The police authority'),
  act2004('chief-officer-of-police', 'The chief officer of police'),
  act2004('probation-board', 'The local probation board'),
  act2004('youth-offending-team', 'The youth offending team'),
  act2004('strategic-health-authority', 'The strategic health authority'),
  act2004('primary-care-trust', 'The primary care trust'),
  act2004('connexions', 'The Connexions service'),
  act2004('learning-and-skills-council', 'The Learning and Skills Council'),
  act2009('school', 'Schools, including academies'),
  act2009('schools-forum', 'The Schools Forum'),
  act2009('sixth-form-college', 'Sixth-form colleges'),
  act2009('fe-college', 'Further education colleges'),
  act2009('jobcentre-plus', 'Jobcentre Plus'),
];

export type StatutoryOverrides = Partial<
  Record<PartnerCategory, Partial<Pick<StatutoryPartnerRule, 'appliesFrom' | 'appliesUntil' | 'source'>>>
>;

/** A council's corrected table: same partners, its own dates and source notes. */
export function withStatutoryOverrides(
  overrides: StatutoryOverrides,
  base: StatutoryRuleTable = DEFAULT_STATUTORY_RULES,
): StatutoryRuleTable {
  return base.map((rule) => ({ ...rule, ...overrides[rule.category] }));
}

/** Rules in force on `onDate`, for an authority in (or not in) a two-tier area. */
export function rulesInForce(table: StatutoryRuleTable, onDate: CalendarDate, twoTierArea: boolean) {
  return table.filter(
    (rule) =>
      rule.appliesFrom <= onDate &&
      (rule.appliesUntil === null || onDate < rule.appliesUntil) &&
      (rule.appliesTo === 'every-authority' || twoTierArea),
  );
}

export function isStatutoryOn(table: StatutoryRuleTable, category: PartnerCategory, onDate: CalendarDate) {
  return rulesInForce(table, onDate, true).some((rule) => rule.category === category);
}
