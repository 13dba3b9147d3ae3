/**
 * Shape checks on what a command claims, before any rule: real calendar dates, non-empty ids, values
 * from the vocabulary. Commands may arrive as untyped JSON, so nothing here trusts the static types.
 */
import {
  DECISION_TIERS,
  GOVERNANCE_DOCUMENT_KINDS,
  GOVERNANCE_MODELS,
  KEY_ISSUES,
  PARTNER_CATEGORIES,
  REVIEW_OUTCOMES,
} from '../vocabulary';
import { isCalendarDate } from '../events/calendar-date';
import type { TrustEvent } from '../events/payloads';
import type { RuleBreach } from './errors';

const ID_FIELDS = [
  'trustId',
  'memberId',
  'replacementMemberId',
  'documentId',
  'meetingId',
  'decisionId',
  'milestoneId',
  'planId',
];
const DATE_FIELDS = ['occurredAt', 'vestingDay', 'baselineDue', 'newDue', 'effectiveFrom', 'closesOn'];
const ENUM_FIELDS: Record<string, readonly string[]> = {
  keyIssue: KEY_ISSUES,
  partnerCategory: PARTNER_CATEGORIES,
  governanceModel: GOVERNANCE_MODELS,
  kind: GOVERNANCE_DOCUMENT_KINDS,
  tier: DECISION_TIERS,
  outcome: REVIEW_OUTCOMES,
};

const invalid = (message: string, details: Record<string, unknown>): RuleBreach => ({
  code: 'TRUST.INVALID_COMMAND',
  message,
  details,
});

function fieldBreach(data: Record<string, unknown>): RuleBreach | undefined {
  const badId = ID_FIELDS.find(
    (f) => f in data && data[f] !== null && (typeof data[f] !== 'string' || data[f] === ''),
  );
  if (badId) return invalid(`${badId} must be a non-empty string.`, { field: badId });
  const badDate = DATE_FIELDS.find(
    (f) => (f === 'occurredAt' || data[f] != null) && !isCalendarDate(data[f]),
  );
  if (badDate)
    return invalid(`${badDate} must be a real YYYY-MM-DD date, got ${String(data[badDate])}.`, {
      field: badDate,
    });
  const badEnum = Object.keys(ENUM_FIELDS).find(
    (f) => f in data && !ENUM_FIELDS[f]?.includes(data[f] as string),
  );
  if (badEnum)
    return invalid(`${badEnum} '${String(data[badEnum])}' is not one the domain knows.`, { field: badEnum });
  return undefined;
}

function eventBreach(event: TrustEvent): RuleBreach | undefined {
  switch (event.type) {
    case 'TrustProposed': {
      const d = event.data;
      if (d.newAuthority && !d.vestingDay)
        return invalid('A new authority needs its vesting day.', { field: 'vestingDay' });
      if (d.twoTierArea && d.districtCouncils.length === 0) {
        return invalid('A trust in a two-tier area must name its district councils.', {
          field: 'districtCouncils',
        });
      }
      if (d.ageFrom > d.ageTo) return invalid('The age range runs backwards.', { field: 'ageFrom' });
      return undefined;
    }
    case 'MilestoneRebaselined':
      return event.data.reason.trim() && event.data.approvedBy.trim()
        ? undefined
        : {
            code: 'TRUST.REBASELINE_NEEDS_REASON_AND_APPROVER',
            message: 'A rebaseline needs a reason and the name of whoever approved it.',
            details: { milestoneId: event.data.milestoneId },
          };
    default:
      return undefined;
  }
}

export function shapeBreach(event: TrustEvent): RuleBreach | undefined {
  if (typeof event.data !== 'object' || event.data === null) return invalid('Command data is missing.', {});
  return fieldBreach(event.data as unknown as Record<string, unknown>) ?? eventBreach(event);
}
