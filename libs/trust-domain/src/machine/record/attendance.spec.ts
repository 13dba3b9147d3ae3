import fc from 'fast-check';
import { addDays } from '../../events/calendar-date';
import { activeMembers } from './people';
import { append, entriesOf, type AppendLog } from './append-log';
import { attendanceOf, type AttendanceRow } from './attendance';
import { emptyRecord } from './empty';
import type { MeetingRecord, MemberRecord, TrustRecord } from './types';

/** The rule as the papers put it, one member and one meeting at a time. */
function attendanceByDefinition(record: TrustRecord): AttendanceRow[] {
  const meetings = entriesOf(record.meetings);
  const last = meetings.reduce<string | null>((d, m) => (d === null || m.heldOn > d ? m.heldOn : d), null);
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

interface MemberSpec {
  id: string;
  since: number;
  until: number | null;
  minimum: number | null;
}

const day = (n: number) => addDays('2009-01-01', n);
const ids = ['m0', 'm1', 'm2', 'm3', 'm4'];

const member: fc.Arbitrary<MemberSpec> = fc.record({
  id: fc.constantFrom(...ids),
  since: fc.nat(700),
  until: fc.option(fc.nat(900), { nil: null }),
  minimum: fc.option(fc.nat(6), { nil: null }),
});
const meeting = fc.record({
  on: fc.nat(900),
  attendees: fc.array(fc.constantFrom(...ids, 'guest'), { maxLength: 6 }),
});

function recordOf(
  members: MemberSpec[],
  meetings: Array<{ on: number; attendees: string[] }>,
  lastDay: number,
): TrustRecord {
  let log: AppendLog<MeetingRecord> = [];
  meetings.forEach((m, k) => {
    log = append(log, {
      meetingId: `mt${k}`,
      body: 'board',
      heldOn: day(m.on),
      attendees: m.attendees,
      apologies: [],
      quorumMet: true,
    });
  });
  const seats: MemberRecord[] = members.map((m) => ({
    memberId: m.id,
    person: `person ${m.id}`,
    role: 'member',
    organisation: `org ${m.id}`,
    partnerCategory: 'local-authority',
    deputy: null,
    minimumAttendance: m.minimum,
    since: day(m.since),
    until: m.until === null ? null : day(m.until),
    replacedBy: null,
  }));
  return { ...emptyRecord(), members: seats, meetings: log, lastOccurredOn: day(lastDay) };
}

describe('attendance against the committed minimum', () => {
  it('counts, for each sitting member, the meetings of the last year since they joined and those they attended', () => {
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 8 }),
        fc.array(meeting, { maxLength: 40 }),
        fc.nat(900),
        (members, meetings, lastDay) => {
          const record = recordOf(members, meetings, lastDay);
          expect(attendanceOf(record)).toEqual(attendanceByDefinition(record));
        },
      ),
      { numRuns: 300 },
    );
  });
});
