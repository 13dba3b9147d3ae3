/**
 * Attendance against each member's committed minimum: a rule of the trust (a member who promised
 * four meetings a year and came to one is below it), so it lives with the record, not in a read model.
 */
import { addDays } from '../../events/calendar-date';
import type { CalendarDate } from '../../vocabulary';
import { entriesOf } from './append-log';
import { activeMembers } from './people';
import type { MeetingRecord, MemberRecord, TrustRecord } from './types';

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

/** The day of the trust's latest meeting (meetings may be recorded out of order); null before the first. */
export function lastMeetingOn(record: Pick<TrustRecord, 'meetings'>): CalendarDate | null {
  let last: CalendarDate | null = null;
  for (const segment of record.meetings)
    for (const m of segment) if (last === null || m.heldOn > last) last = m.heldOn;
  return last;
}

function attendanceNow(record: TrustRecord): AttendanceRow[] {
  const meetings = entriesOf(record.meetings);
  const last = lastMeetingOn(record);
  const yearStart = last === null ? null : addDays(last, -364);
  const inYear = yearStart === null ? [] : meetings.filter((m) => m.heldOn >= yearStart);
  const members = activeMembers(record, record.lastOccurredOn);
  const attended = attendedCounts(members, inYear);
  // Members appointed on the same day were eligible for the same meetings: count them once.
  const heldSince = new Map<CalendarDate, number>();
  return members.map((member, i) => {
    let held = heldSince.get(member.since);
    if (held === undefined) {
      held = 0;
      for (const m of inYear) if (m.heldOn >= member.since) held += 1;
      heldSince.set(member.since, held);
    }
    const minimum = member.minimumAttendance;
    return {
      memberId: member.memberId,
      person: member.person,
      organisation: member.organisation,
      attended: attended[i],
      of: held,
      minimumAttendance: minimum,
      belowMinimum: minimum !== null && attended[i] < Math.min(minimum, held),
    };
  });
}

/**
 * For each member, the meetings (held since they joined) whose attendees include them. One pass over
 * the attendees rather than one over the meetings per member: a busy trust holds hundreds a year.
 */
function attendedCounts(members: readonly MemberRecord[], meetings: readonly MeetingRecord[]): number[] {
  const seats = new Map<string, number[]>();
  members.forEach((member, i) => {
    const seat = seats.get(member.memberId);
    if (seat) seat.push(i);
    else seats.set(member.memberId, [i]);
  });
  const attended = members.map(() => 0);
  // The last meeting counted for each member: a name listed twice is still one meeting attended.
  const counted = members.map(() => -1);
  meetings.forEach((meeting, k) => {
    for (const id of meeting.attendees) {
      for (const i of seats.get(id) ?? []) {
        if (counted[i] === k || meeting.heldOn < members[i].since) continue;
        counted[i] = k;
        attended[i] += 1;
      }
    }
  });
  return attended;
}
