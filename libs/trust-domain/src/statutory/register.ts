/**
 * The membership register: for each partner (category and organisation) who sits for it and since
 * when, with the statutory partners nobody represents listed as empty seats.
 */
import type { CalendarDate, PartnerCategory } from '../vocabulary';
import { activeMembers } from '../machine/record/people';
import type { TrustRecord } from '../machine/record/types';
import { DEFAULT_STATUTORY_RULES, rulesInForce, type StatutoryRuleTable } from './rules';
import { missingStatutoryPartners } from './requirements';

export interface RegisterSeat {
  memberId: string;
  person: string;
  role: string;
  deputy: string | null;
  since: CalendarDate;
  minimumAttendance: number | null;
}

export interface RegisterEntry {
  partnerCategory: PartnerCategory;
  organisation: string | null;
  statutory: boolean;
  represented: boolean;
  seats: RegisterSeat[];
}

function seat(m: ReturnType<typeof activeMembers>[number]): RegisterSeat {
  const { memberId, person, role, deputy, since, minimumAttendance } = m;
  return { memberId, person, role, deputy, since, minimumAttendance };
}

function occupiedEntries(record: TrustRecord, onDate: CalendarDate, statutory: Set<PartnerCategory>) {
  const entries = new Map<string, RegisterEntry>();
  for (const member of activeMembers(record, onDate)) {
    const key = `${member.partnerCategory}\u0000${member.organisation}`;
    const entry = entries.get(key) ?? {
      partnerCategory: member.partnerCategory,
      organisation: member.organisation,
      statutory: statutory.has(member.partnerCategory),
      represented: true,
      seats: [],
    };
    entry.seats.push(seat(member));
    entries.set(key, entry);
  }
  return [...entries.values()];
}

// Code-point order, not localeCompare: the register must read the same on every machine.
const byKey = (e: RegisterEntry) => `${e.partnerCategory}\u0000${e.organisation ?? ''}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The register as it stood on `onDate` (defaults to the latest day the record knows). */
export function membershipRegister(
  record: TrustRecord,
  onDate: CalendarDate | null = record.lastOccurredOn,
  table: StatutoryRuleTable = DEFAULT_STATUTORY_RULES,
): RegisterEntry[] {
  if (onDate === null) return [];
  const statutory = new Set(rulesInForce(table, onDate, record.twoTierArea).map((r) => r.category));
  const missing = missingStatutoryPartners(table, record, onDate);
  const empty = (partnerCategory: PartnerCategory, organisation: string | null): RegisterEntry => ({
    partnerCategory,
    organisation,
    statutory: true,
    represented: false,
    seats: [],
  });
  return [
    ...occupiedEntries(record, onDate, statutory),
    ...missing.categories.map((c) => empty(c.category, null)),
    ...missing.districtCouncils.map((council) => empty('district-council', council)),
  ].sort((a, b) => compare(byKey(a), byKey(b)));
}
