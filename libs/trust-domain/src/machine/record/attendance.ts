/**
 * Attendance against each member's committed minimum: a rule of the trust (a member who promised
 * four meetings a year and came to one is below it), so it lives with the record, not in a read model.
 */
import { addDays } from '../../events/calendar-date';
import type { CalendarDate } from '../../vocabulary';
import { entriesOf } from './append-log';
import { activeMembers } from './people';
import type { TrustRecord } from './types';

export interface AttendanceRow {
  memberId: string;
  person: string;
  organisation: string;
  attended: number;
  of: number;
  minimumAttendance: number | null;
  belowMinimum: boolean;
}

/**
 * Attendance over the year that ends with the trust's latest meeting: for each current member, the
 * meetings held in that year since they joined, and how many they attended. Below minimum means
 * fewer than their committed minimum (or than the meetings held, when fewer were held).
 */
export function attendanceOf(record: TrustRecord): AttendanceRow[] {
  // States are never mutated, so the same meetings, members and last date give the same answer:
  // projections, reminders and replays ask for it on every event, most of which change none of them.
  const known = attendanceMemo.get(record.meetings);
  if (
    known !== undefined &&
    known.members === record.members &&
    known.lastOccurredOn === record.lastOccurredOn
  ) {
    return known.rows;
  }
  const rows = attendanceNow(record);
  attendanceMemo.set(record.meetings, {
    members: record.members,
    lastOccurredOn: record.lastOccurredOn,
    rows,
  });
  return rows;
}

const attendanceMemo = new WeakMap<
  object,
  { members: TrustRecord['members']; lastOccurredOn: TrustRecord['lastOccurredOn']; rows: AttendanceRow[] }
>();

function attendanceNow(record: TrustRecord): AttendanceRow[] {
  const meetings = entriesOf(record.meetings);
  const last = meetings.reduce<CalendarDate | null>(
    (d, m) => (d === null || m.heldOn > d ? m.heldOn : d),
    null,
  );
  const yearStart = last === null ? null : addDays(last, -364);
  const inYear = yearStart === null ? [] : meetings.filter((m) => m.heldOn >= yearStart);
  return activeMembers(record, record.lastOccurredOn).map((member) => {
    const held = inYear.filter((m) => m.heldOn >= member.since);
    const attended = held.filter((m) => m.attendees.includes(member.memberId)).length;
    const minimum = member.minimumAttendance;
    return {
      memberId: member.memberId,
      person: member.person,
      organisation: member.organisation,
      attended,
      of: held.length,
      minimumAttendance: minimum,
      belowMinimum: minimum !== null && attended < Math.min(minimum, held.length),
    };
  });
}
