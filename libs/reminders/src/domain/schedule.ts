/**
 * What a trust's record says should be reminded, and when: pure, from the domain's TrustState and
 * the trust's settings. The result is data (rows in the reminders projection), never a timer.
 *
 * Every entry names the London day it falls due; the dispatcher issues it at `sendHour` that day.
 * A lead-time reminder (14, 7, 1 days before) goes stale when the nearer one falls due, so a
 * milestone scheduled five days out gets its "1 day" reminder, not three at once; an overdue one
 * repeats until the thing is done.
 */
import {
  KEY_ISSUES,
  addDays,
  attendanceOf,
  keyIssuesReview,
  lastMeetingOn,
  planReviewDue,
  type AppendLog,
  type AttendanceRow,
  type CalendarDate,
  type DecisionRecord,
  type TrustState,
} from '@trustworks/trust-domain';
import { dueInstant } from './days';
import { DCS, PROGRAMME_MANAGER, type ReminderSettings } from './settings';

export const REMINDER_RULES = [
  'milestone-due',
  'milestone-overdue',
  'key-issues-review',
  'key-issues-review-overdue',
  'vesting-day',
  'annual-review',
  'annual-review-overdue',
  'attendance-below-minimum',
  'decision-effective',
] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

export interface ScheduleEntry {
  /** Stable while the subject and its date stay the same: rule, trust, subject, date and lead. */
  scheduleId: string;
  rule: ReminderRule;
  trustId: string;
  authority: string;
  trustName: string;
  subjectId: string;
  subjectTitle: string;
  /** The day the reminder is about: a due date, a deadline, vesting day, an effective date. */
  subjectDate: CalendarDate;
  /** Days before the subject date; negative after it. */
  leadDays: number;
  /** The London day it first falls due. */
  remindOn: CalendarDate;
  /** That day at the send hour, ISO-8601 UTC. */
  dueAt: string;
  /** Stale from this instant (a nearer reminder or the day itself has come); null: never. */
  expiresAt: string | null;
  /** Repeats every this many days; null: once. */
  everyDays: number | null;
  /** Contact keys: a milestone owner's name, `programme-manager`, `dcs`, a lead agency. */
  recipients: string[];
}

/** How long an attendance reminder stays worth sending: by then another meeting has been held. */
const ATTENDANCE_STALE_DAYS = 28;

/**
 * Entries already worked out for one subject (a milestone, a decision, a trust's meetings), by the
 * subject object itself: the record never changes an object, it replaces it, so the same object with
 * the same trust details and settings gives the same entries. The schedule is worked out again after
 * every event of the trust, and most subjects did not change.
 */
const bySubject = new WeakMap<object, { context: string; entries: ScheduleEntry[] }>();

function remembered(subject: object, context: string, build: () => ScheduleEntry[]): ScheduleEntry[] {
  const held = bySubject.get(subject);
  if (held !== undefined && held.context === context) return held.entries;
  const entries = build();
  bySubject.set(subject, { context, entries });
  return entries;
}

/**
 * Entries of a subject the trust has one of (the key-issues review, vesting day, the annual review),
 * as last worked out, by trust and subject, with the context and the inputs they were worked out
 * from: handed back while those are the same, so the schedule's group for it stays the same array.
 */
const byTrustSubject = new Map<string, { context: string; inputs: string; entries: ScheduleEntry[] }>();
/** Trusts whose context is remembered (see `contexts`), and as many trusts' subjects. */
const CONTEXTS_LIMIT = 10_000;
/** Three subjects a trust (key issues, vesting day, annual review), for as many trusts as `contexts` holds. */
const SUBJECTS_LIMIT = 3 * CONTEXTS_LIMIT;

function rememberedFor(
  state: TrustState,
  subject: string,
  context: string,
  inputs: string,
  build: () => ScheduleEntry[],
): ScheduleEntry[] {
  const key = `${state.trustId}\u0000${subject}`;
  const held = byTrustSubject.get(key);
  if (held !== undefined && held.context === context && held.inputs === inputs) return held.entries;
  const entries = build();
  if (byTrustSubject.size >= SUBJECTS_LIMIT) byTrustSubject.clear();
  byTrustSubject.set(key, { context, inputs, entries });
  return entries;
}

/** Each trust's context as last worked out, so every subject remembered under it holds one string. */
const contexts = new Map<string, string>();

/**
 * Everything an entry takes from outside its subject: the trust's names and the settings. The same
 * string object while they stay the same: each remembered subject keeps its context, and a fresh copy
 * per event, held by every decision of a long-lived trust, was most of what the memo weighed.
 */
function contextOf(state: TrustState, settings: ReminderSettings): string {
  const context = JSON.stringify([state.trustId, state.authority, state.name, settings]);
  const held = contexts.get(state.trustId);
  if (held === context) return held;
  if (contexts.size >= CONTEXTS_LIMIT) contexts.clear();
  contexts.set(state.trustId, context);
  return context;
}

export function scheduleFor(state: TrustState, settings: ReminderSettings): ScheduleEntry[] {
  const entries: ScheduleEntry[] = [];
  for (const group of scheduleGroupsFor(state, settings)) for (const entry of group) entries.push(entry);
  return entries;
}

/**
 * The schedule as groups of entries, in `scheduleFor`'s order: a group handed back again (the same
 * array) holds the same entries as before, so a reader that kept the last groups need look only
 * into the new ones. A milestone's entries are a group, the attendance entries are one, and the
 * decisions' are one per segment of the decision log (a full segment never changes), so recording a
 * decision or a meeting leaves all but a group or two as they were, however long the record.
 */
export function scheduleGroupsFor(state: TrustState, settings: ReminderSettings): ScheduleEntry[][] {
  if (!settings.enabled || state.phase === 'not-proposed' || state.phase.startsWith('closed')) return [];
  const make = entryMaker(state, settings, contextOf(state, settings));
  const groups = [
    ...milestoneEntries(state, settings, make),
    keyIssuesReviewEntries(state, settings, make),
    vestingEntries(state, settings, make),
    annualReviewEntries(state, settings, make),
    attendanceEntries(state, settings, make),
    ...decisionEntries(state, settings, make),
  ];
  // An empty group (no vesting day set yet, say) is a new array every time: it says nothing.
  return groups.filter((group) => group.length > 0);
}

interface Draft {
  rule: ReminderRule;
  subjectId: string;
  subjectTitle: string;
  subjectDate: CalendarDate;
  leadDays: number;
  expiresAt: string | null;
  everyDays: number | null;
  recipients: string[];
}
interface Make {
  (draft: Draft): ScheduleEntry;
  /** The trust's names and the settings, as `contextOf` gives them. */
  context: string;
}

function entryMaker(state: TrustState, settings: ReminderSettings, context: string): Make {
  const make = (draft: Draft): ScheduleEntry => {
    const remindOn = addDays(draft.subjectDate, -draft.leadDays);
    return {
      ...draft,
      scheduleId: [draft.rule, state.trustId, draft.subjectId, draft.subjectDate, draft.leadDays].join(':'),
      trustId: state.trustId,
      authority: state.authority,
      trustName: state.name,
      remindOn,
      dueAt: dueInstant(remindOn, settings.sendHour),
      recipients: [...new Set(draft.recipients)],
    };
  };
  return Object.assign(make, { context });
}

/**
 * Lead-time reminders before `subjectDate`: each goes stale when the next nearer one falls due, and
 * the nearest at the end of the subject day.
 */
function countdown(
  leads: readonly number[],
  subjectDate: CalendarDate,
  settings: ReminderSettings,
  base: Omit<Draft, 'leadDays' | 'expiresAt' | 'everyDays' | 'subjectDate'>,
  make: Make,
): ScheduleEntry[] {
  const ordered = [...new Set(leads)].filter((d) => d >= 0).sort((a, b) => b - a);
  return ordered.map((leadDays, i) => {
    const nearer = ordered[i + 1];
    const expiresAt =
      nearer === undefined
        ? dueInstant(addDays(subjectDate, 1), 0)
        : dueInstant(addDays(subjectDate, -nearer), settings.sendHour);
    return make({ ...base, subjectDate, leadDays, expiresAt, everyDays: null });
  });
}

function overdue(
  rule: ReminderRule,
  subjectDate: CalendarDate,
  settings: ReminderSettings,
  base: Omit<Draft, 'rule' | 'leadDays' | 'expiresAt' | 'everyDays' | 'subjectDate'>,
  make: Make,
): ScheduleEntry {
  return make({
    ...base,
    rule,
    subjectDate,
    leadDays: -1,
    expiresAt: null,
    everyDays: settings.overdueEveryDays,
  });
}

function milestoneEntries(state: TrustState, settings: ReminderSettings, make: Make): ScheduleEntry[][] {
  return Object.values(state.milestones)
    .filter((m) => m.completedOn === null)
    .map((m) =>
      remembered(m, make.context, () => {
        const base = {
          subjectId: m.milestoneId,
          subjectTitle: m.title,
          recipients: [m.owner, PROGRAMME_MANAGER],
        };
        return [
          ...countdown(
            settings.milestoneLeadDays,
            m.forecastDue,
            settings,
            { ...base, rule: 'milestone-due' },
            make,
          ),
          overdue('milestone-overdue', m.forecastDue, settings, base, make),
        ];
      }),
    );
}

function keyIssuesReviewEntries(state: TrustState, settings: ReminderSettings, make: Make): ScheduleEntry[] {
  const review = keyIssuesReview(state, settings.keyIssuesReviewMonths);
  if (review === null) return [];
  const { deadline, open } = review;
  return rememberedFor(state, 'key-issues', make.context, `${deadline} ${open.join(', ')}`, () => {
    const base = {
      subjectId: 'key-issues',
      subjectTitle: `Review of the key issues (${open.length} of ${KEY_ISSUES.length} not yet agreed: ${open.join(', ')})`,
      recipients: [PROGRAMME_MANAGER],
    };
    return [
      ...countdown(
        settings.deadlineLeadDays,
        deadline,
        settings,
        { ...base, rule: 'key-issues-review' },
        make,
      ),
      overdue('key-issues-review-overdue', deadline, settings, base, make),
    ];
  });
}

function vestingEntries(state: TrustState, settings: ReminderSettings, make: Make): ScheduleEntry[] {
  const vestingDay = state.vestingDay;
  if (vestingDay === null || state.vestingDayReachedOn !== null) return [];
  return rememberedFor(state, 'vesting-day', make.context, vestingDay, () => {
    const base = {
      rule: 'vesting-day' as const,
      subjectId: 'vesting-day',
      subjectTitle: `Vesting day (${vestingDay})`,
      recipients: [PROGRAMME_MANAGER, DCS],
    };
    return countdown(settings.vestingCountdownDays, vestingDay, settings, base, make);
  });
}

function annualReviewEntries(state: TrustState, settings: ReminderSettings, make: Make): ScheduleEntry[] {
  const review = planReviewDue(state, settings.annualReviewMonths);
  if (review === null) return [];
  const { plan, due } = review;
  return rememberedFor(state, 'annual-review', make.context, `${plan.planId} ${due} ${plan.title}`, () => {
    const base = {
      subjectId: `plan-${plan.planId}`,
      subjectTitle: `Annual review of ${plan.title}`,
      recipients: [PROGRAMME_MANAGER],
    };
    return [
      ...countdown(settings.deadlineLeadDays, due, settings, { ...base, rule: 'annual-review' }, make),
      overdue('annual-review-overdue', due, settings, base, make),
    ];
  });
}

function attendanceEntries(state: TrustState, settings: ReminderSettings, make: Make): ScheduleEntry[] {
  // The domain hands back the same attendance rows while nothing they depend on has changed.
  const rows = attendanceOf(state);
  return remembered(rows, make.context, () => attendanceNow(state, rows, settings, make));
}

function attendanceNow(
  state: TrustState,
  rows: readonly AttendanceRow[],
  settings: ReminderSettings,
  make: Make,
): ScheduleEntry[] {
  const last = lastMeetingOn(state);
  if (last === null) return [];
  const notice = addDays(last, 1);
  return rows
    .filter((row) => row.belowMinimum)
    .map((row) =>
      make({
        rule: 'attendance-below-minimum',
        subjectId: `member-${row.memberId}`,
        subjectTitle: `${row.person} (${row.organisation}) attended ${row.attended} of ${row.of} meetings; committed to ${row.minimumAttendance}`,
        subjectDate: notice,
        leadDays: 0,
        expiresAt: dueInstant(addDays(notice, ATTENDANCE_STALE_DAYS), settings.sendHour),
        everyDays: null,
        recipients: [PROGRAMME_MANAGER],
      }),
    );
}

function decisionEntries(state: TrustState, settings: ReminderSettings, make: Make): ScheduleEntry[][] {
  // Per segment of the log: a full segment is the same array in every later state.
  return (state.decisions as AppendLog<DecisionRecord>).map((segment) =>
    remembered(segment, make.context, () =>
      segment
        .filter((d) => d.effectiveFrom > d.decidedOn)
        .flatMap((d) =>
          // The last segment is a new array after every decision: its older decisions keep theirs.
          remembered(d, make.context, () =>
            countdown(
              settings.decisionEffectiveLeadDays,
              d.effectiveFrom,
              settings,
              {
                rule: 'decision-effective',
                subjectId: `decision-${d.decisionId}`,
                subjectTitle: `Decision takes effect: ${d.title}`,
                recipients: [PROGRAMME_MANAGER, d.leadAgency],
              },
              make,
            ),
          ),
        ),
    ),
  );
}
