/**
 * Cheshire East's "Day 1 / Year 1" programme (seed 000) replayed day by day under a virtual clock,
 * from October 2008 to April 2010, on the real app and a real SQLite file. Each day the dispatcher
 * runs at 08:00 London time, then that day's programme commands are recorded at noon. The table
 * below is what a programme office would expect, worked out by hand from the programme's dates and
 * the default rules (14/7/1 days before a milestone, vesting day countdown 28/14/7/1, attendance
 * notices the day after a meeting, the DCS copied in after two unanswered reminders).
 */
import type { TrustCommand } from '@trustworks/trust-domain';
import { fromJune, toJune } from '@trustworks/trust-domain/decider/cheshire-east.programme';
import { dueInstant, type ReminderIssuedData } from '@trustworks/reminders';
import type { Principal } from '@trustworks/auth';
import { TrustCommandHandler } from '@trustworks/trusts';
import {
  dispatcher,
  ofType,
  reminderEvents,
  startReminderApp,
  type ClockedApp,
} from './support/reminder-fixtures';

const pm: Principal = {
  subject: 'pm@cheshire-east',
  roles: ['programme-manager'],
  authorities: ['Cheshire East Council'],
};

/** [day issued, rule, subject, days before (negative: after)] */
type Row = [string, string, string, number];

const EXPECTED: Row[] = [
  // Facilitator due 30 Nov 2008, appointed 17 Nov: only the 14-day reminder comes first.
  ['2008-11-16', 'milestone-due', 'facilitator', 14],
  // DCS due 31 Dec, in post 1 Dec: completed before any reminder. Board due 31 Jan, convened 19 Jan.
  ['2009-01-17', 'milestone-due', 'board', 14],
  // Vesting day 1 April 2009: the trust's countdown and the programme's milestone of the same day.
  ['2009-03-04', 'vesting-day', 'vesting-day', 28],
  ['2009-03-18', 'milestone-due', 'vesting', 14],
  ['2009-03-18', 'vesting-day', 'vesting-day', 14],
  ['2009-03-25', 'milestone-due', 'vesting', 7],
  ['2009-03-25', 'vesting-day', 'vesting-day', 7],
  ['2009-03-31', 'milestone-due', 'vesting', 1],
  ['2009-03-31', 'vesting-day', 'vesting-day', 1],
  // Key issues due 30 June: five agreed on 26 May, the other three on 22 June.
  ['2009-06-16', 'milestone-due', 'business-unit', 14],
  ['2009-06-16', 'milestone-due', 'key-issue-business-unit', 14],
  ['2009-06-16', 'milestone-due', 'key-issue-delivery-structure', 14],
  ['2009-06-16', 'milestone-due', 'key-issue-performance-monitoring', 14],
  ['2009-06-17', 'milestone-due', 'inauguration', 14],
  ['2009-06-23', 'milestone-due', 'business-unit', 7],
  ['2009-06-24', 'milestone-due', 'inauguration', 7],
  // The business unit is established at noon on 29 June, after the 08:00 reminder.
  ['2009-06-29', 'milestone-due', 'business-unit', 1],
  ['2009-06-30', 'milestone-due', 'inauguration', 1],
  // The board's first decision (1 July) takes effect on 1 September: reminded that morning.
  ['2009-09-01', 'decision-effective', 'decision-d-commissioning', 0],
  // The plan review is due 30 April 2010 and completed on 26 April.
  ['2010-04-16', 'milestone-due', 'plan-review', 14],
  ['2010-04-23', 'milestone-due', 'plan-review', 7],
];

/**
 * Attendance notices, the day after each meeting: every member below their committed minimum
 * (four a year, or every meeting held since they joined when fewer were held). Only the DCS, the
 * Lead Member and the PCT attend the programme's meetings.
 */
const ATTENDANCE: Array<[string, number]> = [
  ['2009-01-20', 5], // 8 core members, 3 attended the first meeting
  ['2009-05-27', 11], // 6 more appointed in April: 14 members, 3 attend
  ['2009-06-23', 11],
  ['2009-07-02', 11],
];

/** Reminders the DCS is copied into: a third unanswered reminder about the same thing. */
const ESCALATED: Array<[string, string]> = [
  ['2009-03-25', 'vesting-day'],
  ['2009-03-31', 'vesting'],
  ['2009-03-31', 'vesting-day'],
  ['2009-06-29', 'business-unit'],
  ['2009-06-30', 'inauguration'],
];

function programmeByDay(): Map<string, TrustCommand[]> {
  const commands = [...toJune, ...fromJune].map((c, i) => ({ c, i }));
  const byDay = new Map<string, TrustCommand[]>();
  for (const { c } of commands.sort((a, b) => dayOf(a.c).localeCompare(dayOf(b.c)) || a.i - b.i)) {
    byDay.set(dayOf(c), [...(byDay.get(dayOf(c)) ?? []), c]);
  }
  return byDay;
}
const dayOf = (c: TrustCommand) => (c.data as { occurredAt: string }).occurredAt;

function* days(from: string, to: string): Generator<string> {
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    yield d.toISOString().slice(0, 10);
  }
}

describe('Cheshire East, October 2008 to April 2010, under a virtual clock', () => {
  let t: ClockedApp;
  let issued: ReminderIssuedData[];
  const issuedOn = new Map<string, string>();

  beforeAll(async () => {
    t = await startReminderApp('2008-10-01T12:00:00Z');
    const byDay = programmeByDay();
    const handler = t.app.get(TrustCommandHandler);
    for (const day of days('2008-10-01', '2010-04-30')) {
      t.clock.set(new Date(dueInstant(day, 8)));
      for (const key of (await dispatcher(t).runDue()).issued) issuedOn.set(key, day);
      const commands = byDay.get(day) ?? [];
      t.clock.set(new Date(dueInstant(day, 12)));
      for (const command of commands) {
        await handler.execute('cheshire-east', command, pm, { correlationId: `programme-${day}` });
      }
    }
    issued = ofType(await reminderEvents(t), 'ReminderIssued').map((e) => e.data as ReminderIssuedData);
  }, 120_000);
  afterAll(() => t.close());

  it('issues the expected reminders, each on the expected day', () => {
    const rows: Row[] = issued
      .filter((r) => r.rule !== 'attendance-below-minimum')
      .map((r) => [issuedOn.get(r.key) as string, r.rule, r.subjectId, r.leadDays]);
    expect(rows).toEqual(EXPECTED);
  });

  it('sends attendance notices the day after each meeting, for the members below their minimum', () => {
    const perDay = new Map<string, number>();
    for (const r of issued.filter((x) => x.rule === 'attendance-below-minimum')) {
      const day = issuedOn.get(r.key) as string;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect([...perDay]).toEqual(ATTENDANCE);
  });

  it('copies in the DCS on the third unanswered reminder about the same thing', () => {
    const escalated = issued
      .filter((r) => r.escalated && r.rule !== 'attendance-below-minimum')
      .map((r) => [issuedOn.get(r.key), r.subjectId]);
    expect(escalated).toEqual(ESCALATED);
  });

  it('issues every reminder exactly once', () => {
    expect(new Set(issued.map((r) => r.key)).size).toBe(issued.length);
  });
});
