import { decide, evolve, initialState, type TrustEvent, type TrustState } from '@trustworks/trust-domain';
import { fromJune, toJune } from '@trustworks/trust-domain/decider/cheshire-east.programme';
import { TEST_CONTEXT } from '@trustworks/trust-domain/decider/testing';
import {
  allKeyIssuesAgreed,
  event,
  inaugurated,
  toReady,
  toShadow,
  trustProposed,
} from '@trustworks/trust-domain/decider/fixtures';
import { dueInstant } from './days';
import { keyOf, nextAfter, occurrenceAt } from './occurrence';
import { REMINDER_RULES, scheduleFor, type ScheduleEntry } from './schedule';
import { DEFAULT_REMINDER_SETTINGS, effectiveSettings } from './settings';

const fold = (events: TrustEvent[]): TrustState => events.reduce(evolve, initialState());

const milestone = (milestoneId: string, baselineDue: string, owner = 'Business Unit Manager') =>
  event('MilestoneScheduled', {
    milestoneId,
    title: `Milestone ${milestoneId}`,
    owner,
    baselineDue,
    dependsOn: [],
    occurredAt: '2009-01-15',
  });

const byRule = (entries: ScheduleEntry[], rule: string) => entries.filter((e) => e.rule === rule);
const settings = DEFAULT_REMINDER_SETTINGS;

describe('reminder schedule', () => {
  describe('an open milestone', () => {
    const state = fold([...toShadow(), milestone('business-unit', '2009-06-30')]);
    const entries = scheduleFor(state, settings);

    it('is reminded 14, 7 and 1 days before its forecast date, at 08:00 London time', () => {
      const due = byRule(entries, 'milestone-due');
      expect(due.map((e) => [e.leadDays, e.remindOn, e.dueAt])).toEqual([
        [14, '2009-06-16', '2009-06-16T07:00:00.000Z'],
        [7, '2009-06-23', '2009-06-23T07:00:00.000Z'],
        [1, '2009-06-29', '2009-06-29T07:00:00.000Z'],
      ]);
      expect(due[0].recipients).toEqual(['Business Unit Manager', 'programme-manager']);
    });

    it('lets each lead-time reminder go stale when the nearer one falls due, the last at the end of the due day', () => {
      const due = byRule(entries, 'milestone-due');
      expect(due.map((e) => e.expiresAt)).toEqual([due[1].dueAt, due[2].dueAt, '2009-06-30T23:00:00.000Z']);
    });

    it('is reminded as overdue the day after, then every week', () => {
      const [overdue] = byRule(entries, 'milestone-overdue');
      expect([overdue.remindOn, overdue.everyDays, overdue.expiresAt]).toEqual(['2009-07-01', 7, null]);
    });

    it('is reminded no more once completed', () => {
      const done = fold([
        ...toShadow(),
        milestone('business-unit', '2009-06-30'),
        event('MilestoneCompleted', { milestoneId: 'business-unit', note: null, occurredAt: '2009-06-20' }),
      ]);
      expect(scheduleFor(done, settings).filter((e) => e.subjectId === 'business-unit')).toEqual([]);
    });

    it('gets new reminders (new schedule ids) on its new date when rebaselined', () => {
      const moved = fold([
        ...toShadow(),
        milestone('business-unit', '2009-06-30'),
        event('MilestoneRebaselined', {
          milestoneId: 'business-unit',
          newDue: '2009-09-30',
          reason: 'Funding agreed late',
          approvedBy: 'Implementation Board',
          occurredAt: '2009-06-01',
        }),
      ]);
      const due = byRule(scheduleFor(moved, settings), 'milestone-due');
      expect(due.map((e) => e.remindOn)).toEqual(['2009-09-16', '2009-09-23', '2009-09-29']);
      const before = new Set(byRule(entries, 'milestone-due').map((e) => e.scheduleId));
      expect(due.some((e) => before.has(e.scheduleId))).toBe(false);
    });
  });

  describe('the key issues review', () => {
    it('falls due six months after the implementation board convened, while key issues are open', () => {
      const entries = scheduleFor(fold(toShadow()), settings);
      const review = byRule(entries, 'key-issues-review');
      expect(review.map((e) => e.subjectDate)).toEqual(['2009-07-15', '2009-07-15', '2009-07-15']);
      expect(review[0].subjectTitle).toContain('8 of 8 not yet agreed');
      expect(byRule(entries, 'key-issues-review-overdue')).toHaveLength(1);
    });

    it('is not reminded once every key issue is agreed', () => {
      const entries = scheduleFor(fold([...toShadow(), ...allKeyIssuesAgreed()]), settings);
      expect(entries.filter((e) => e.rule.startsWith('key-issues'))).toEqual([]);
    });

    it('takes its period from the settings', () => {
      const entries = scheduleFor(fold(toShadow()), effectiveSettings({ keyIssuesReviewMonths: 3 }));
      expect(byRule(entries, 'key-issues-review')[0].subjectDate).toBe('2009-04-15');
    });
  });

  describe('vesting day', () => {
    it('counts down 28, 14, 7 and 1 days before, to the programme manager and the DCS', () => {
      const state = fold(toShadow(trustProposed({ newAuthority: true, vestingDay: '2009-04-01' })));
      const countdown = byRule(scheduleFor(state, settings), 'vesting-day');
      expect(countdown.map((e) => e.remindOn)).toEqual([
        '2009-03-04',
        '2009-03-18',
        '2009-03-25',
        '2009-03-31',
      ]);
      expect(countdown[0].recipients).toEqual(['programme-manager', 'dcs']);
      // 31 March 2009 is in British Summer Time (clocks went forward on 29 March).
      expect(countdown[3].dueAt).toBe('2009-03-31T07:00:00.000Z');
      expect(countdown[0].dueAt).toBe('2009-03-04T08:00:00.000Z');
    });
  });

  describe('closed and switched-off trusts', () => {
    it('schedules nothing when reminders are switched off for the trust', () => {
      const state = fold([...toShadow(), milestone('m1', '2009-06-30')]);
      expect(scheduleFor(state, effectiveSettings({ enabled: false }))).toEqual([]);
    });

    it('schedules nothing for the key issues once the board is inaugurated', () => {
      const entries = scheduleFor(fold([...toReady(), inaugurated()]), settings);
      expect(entries.filter((e) => e.rule.startsWith('key-issues'))).toEqual([]);
    });
  });

  describe('decisions', () => {
    it('reminds on the day a decision decided earlier takes effect', () => {
      const state = fold([
        ...toShadow(),
        event('DecisionRecorded', {
          decisionId: 'd1',
          title: 'Pool the early-years budget',
          tier: 'board',
          leadAgency: 'Primary Care Trust',
          rationale: 'Joint commissioning',
          meetingId: null,
          effectiveFrom: '2009-04-01',
          occurredAt: '2009-02-10',
        }),
      ]);
      const [entry] = byRule(scheduleFor(state, settings), 'decision-effective');
      expect([entry.remindOn, entry.recipients]).toEqual([
        '2009-04-01',
        ['programme-manager', 'Primary Care Trust'],
      ]);
    });
  });
});

describe('reminder occurrences', () => {
  const row = {
    scheduleId: 'milestone-overdue:t:m:2009-06-30:-1',
    everyDays: 7,
    sendHour: 8,
    nextOn: '2009-07-01',
  };

  it('issues a repeating reminder once for the latest occurrence that has come, not once per missed week', () => {
    expect(occurrenceAt(row, new Date('2009-07-01T07:00:00Z'))).toBe('2009-07-01');
    expect(occurrenceAt(row, new Date('2009-07-08T06:59:59Z'))).toBe('2009-07-01');
    expect(occurrenceAt(row, new Date('2009-07-08T07:00:00Z'))).toBe('2009-07-08');
    expect(occurrenceAt(row, new Date('2009-08-20T12:00:00Z'))).toBe('2009-08-19');
  });

  it('dates the keys of repeating reminders and not of one-off ones', () => {
    expect(keyOf(row, '2009-07-08')).toBe('milestone-overdue:t:m:2009-06-30:-1@2009-07-08');
    expect(keyOf({ ...row, everyDays: null }, '2009-07-08')).toBe(row.scheduleId);
  });

  it('schedules the next repeat after the one issued, and nothing after a one-off', () => {
    expect(nextAfter(row, '2009-08-19')).toEqual({ on: '2009-08-26', at: '2009-08-26T07:00:00.000Z' });
    expect(nextAfter({ everyDays: null, sendHour: 8 }, '2009-08-19')).toBeNull();
  });

  it('counts the send hour on the wall clock on the days the clocks change', () => {
    expect(dueInstant('2009-03-29', 8)).toBe('2009-03-29T07:00:00.000Z');
    expect(dueInstant('2009-10-25', 8)).toBe('2009-10-25T08:00:00.000Z');
    expect(dueInstant('2009-10-24', 0)).toBe('2009-10-23T23:00:00.000Z');
    // Late hours on the days the clocks change stay on that day.
    expect(dueInstant('2025-03-30', 23)).toBe('2025-03-30T22:00:00.000Z');
    expect(dueInstant('2025-03-30', 0)).toBe('2025-03-30T00:00:00.000Z');
    expect(dueInstant('2025-10-26', 23)).toBe('2025-10-26T23:00:00.000Z');
    expect(dueInstant('2025-10-26', 0)).toBe('2025-10-25T23:00:00.000Z');
  });
});

describe('reminder schedule, worked out again after every event', () => {
  // Cheshire East's programme: milestones, meetings with attendance, decisions taking effect later.
  const states: TrustState[] = [];
  let current = initialState();
  for (const command of [...toJune, ...fromJune]) {
    const decision = decide(current, command, TEST_CONTEXT);
    if (decision.kind === 'rejected') throw new Error(decision.error.message);
    for (const e of decision.events) {
      current = evolve(current, e);
      states.push(current);
    }
  }
  /** The same record in new objects: nothing of it has been seen before, so nothing is remembered. */
  const fresh = (state: TrustState): TrustState => ({
    ...state,
    milestones: JSON.parse(JSON.stringify(state.milestones)),
    meetings: JSON.parse(JSON.stringify(state.meetings)),
    members: JSON.parse(JSON.stringify(state.members)),
    decisions: JSON.parse(JSON.stringify(state.decisions)),
  });

  it('gives at every step what a first look at the same record gives', () => {
    const rules = new Set<string>();
    for (const state of states) {
      const entries = scheduleFor(state, settings);
      expect(entries).toEqual(scheduleFor(fresh(state), settings));
      for (const e of entries) rules.add(e.rule);
    }
    // Every rule came up on the way, so every remembered kind of entry was checked.
    expect([...rules].sort()).toEqual([...REMINDER_RULES].sort());
  });

  it('follows a change of the trust’s name or of the settings, with the same milestones and decisions', () => {
    const before = scheduleFor(current, settings);
    const renamed = scheduleFor(
      { ...current, name: 'Cheshire East Children and Young People’s Trust' },
      settings,
    );
    expect(renamed.every((e) => e.trustName === 'Cheshire East Children and Young People’s Trust')).toBe(
      true,
    );
    const at7 = scheduleFor(current, effectiveSettings({ sendHour: 7 }));
    expect(at7.map((e) => e.dueAt)).not.toEqual(before.map((e) => e.dueAt));
    expect(at7).toEqual(scheduleFor(fresh(current), effectiveSettings({ sendHour: 7 })));
    expect(scheduleFor(current, settings)).toEqual(before);
  });
});
