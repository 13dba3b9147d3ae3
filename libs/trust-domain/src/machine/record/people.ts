/** Patches for who is at the table. Members are kept in appointment order; ids are unique. */
import type { TrustEventOf } from '../../events/payloads';
import type { MemberRecord, TrustRecord } from './types';

type Patch = Partial<TrustRecord>;

export function memberOf(record: TrustRecord, memberId: string): MemberRecord | undefined {
  return record.members.find((m) => m.memberId === memberId);
}

function withMember(record: TrustRecord, memberId: string, change: Partial<MemberRecord>): MemberRecord[] {
  return record.members.map((m) => (m.memberId === memberId ? { ...m, ...change } : m));
}

export function memberAppointed(record: TrustRecord, { data }: TrustEventOf<'MemberAppointed'>): Patch {
  const member: MemberRecord = {
    memberId: data.memberId,
    person: data.person,
    role: data.role,
    organisation: data.organisation,
    partnerCategory: data.partnerCategory,
    deputy: data.deputy,
    minimumAttendance: data.minimumAttendance,
    since: data.occurredAt,
    until: null,
    replacedBy: null,
  };
  return { members: [...record.members, member] };
}

export function memberReplaced(record: TrustRecord, { data }: TrustEventOf<'MemberReplaced'>): Patch {
  const outgoing = memberOf(record, data.memberId);
  if (!outgoing) return {};
  const incoming: MemberRecord = {
    ...outgoing,
    memberId: data.replacementMemberId,
    person: data.person,
    role: data.role,
    deputy: data.deputy,
    minimumAttendance: data.minimumAttendance,
    since: data.occurredAt,
    until: null,
    replacedBy: null,
  };
  const closed = withMember(record, data.memberId, {
    until: data.occurredAt,
    replacedBy: data.replacementMemberId,
  });
  return { members: [...closed, incoming] };
}

export function memberWithdrawn(record: TrustRecord, { data }: TrustEventOf<'MemberWithdrawn'>): Patch {
  if (!memberOf(record, data.memberId)) return {};
  return { members: withMember(record, data.memberId, { until: data.occurredAt }) };
}

/** Members sitting on `onDate` (appointed by then, not yet gone); with no date, those sitting now. */
export function activeMembers(record: TrustRecord, onDate: string | null = null): MemberRecord[] {
  return record.members.filter(
    (m) =>
      (onDate === null || m.since <= onDate) && (m.until === null || (onDate !== null && onDate < m.until)),
  );
}
