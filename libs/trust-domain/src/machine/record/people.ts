/** Patches for who is at the table: members, the facilitator, the DCS. */
import type { TrustEventOf } from '../../events/payloads';
import type { MemberRecord, TrustRecord } from './types';

type Patch = Partial<TrustRecord>;

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
  return { members: { ...record.members, [data.memberId]: member } };
}

export function memberReplaced(record: TrustRecord, { data }: TrustEventOf<'MemberReplaced'>): Patch {
  const outgoing = record.members[data.memberId];
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
  return {
    members: {
      ...record.members,
      [data.memberId]: { ...outgoing, until: data.occurredAt, replacedBy: data.replacementMemberId },
      [data.replacementMemberId]: incoming,
    },
  };
}

export function memberWithdrawn(record: TrustRecord, { data }: TrustEventOf<'MemberWithdrawn'>): Patch {
  const member = record.members[data.memberId];
  if (!member) return {};
  return { members: { ...record.members, [data.memberId]: { ...member, until: data.occurredAt } } };
}

/** Members sitting on `onDate`: appointed by then and not yet gone. */
export function activeMembers(record: TrustRecord, onDate: string | null = null): MemberRecord[] {
  return Object.values(record.members).filter(
    (m) =>
      (onDate === null || m.since <= onDate) && (m.until === null || (onDate !== null && onDate < m.until)),
  );
}
