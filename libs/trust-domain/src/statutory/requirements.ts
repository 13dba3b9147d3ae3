/** Which relevant partners a trust must have at the table on a given day, and which it lacks. */
import type { CalendarDate, PartnerCategory } from '../vocabulary';
import { activeMembers } from '../machine/record/people';
import type { TrustRecord } from '../machine/record/types';
import { rulesInForce, type StatutoryRuleTable } from './rules';

export interface MissingStatutoryPartners {
  /** Categories with nobody sitting for them. */
  categories: { category: PartnerCategory; description: string }[];
  /** Named district councils of a two-tier area that nobody represents (one may not stand for all). */
  districtCouncils: string[];
}

export function missingStatutoryPartners(
  table: StatutoryRuleTable,
  record: TrustRecord,
  onDate: CalendarDate,
): MissingStatutoryPartners {
  const members = activeMembers(record, onDate);
  const rules = rulesInForce(table, onDate, record.twoTierArea);
  const categories = rules
    .filter((rule) => !rule.eachOrganisation && !members.some((m) => m.partnerCategory === rule.category))
    .map(({ category, description }) => ({ category, description }));
  const perOrganisation = rules.filter((rule) => rule.eachOrganisation).map((rule) => rule.category);
  const districtCouncils = perOrganisation.includes('district-council')
    ? record.districtCouncils.filter(
        (council) =>
          !members.some((m) => m.partnerCategory === 'district-council' && m.organisation === council),
      )
    : [];
  return { categories, districtCouncils };
}

export function hasAllStatutoryPartners(missing: MissingStatutoryPartners): boolean {
  return missing.categories.length === 0 && missing.districtCouncils.length === 0;
}

export function describeMissing(missing: MissingStatutoryPartners): string {
  const parts = missing.categories.map((c) => c.description.toLowerCase());
  if (missing.districtCouncils.length > 0) {
    parts.push(
      `district council${missing.districtCouncils.length > 1 ? 's' : ''} ${missing.districtCouncils.join(', ')}`,
    );
  }
  return parts.join('; ');
}
