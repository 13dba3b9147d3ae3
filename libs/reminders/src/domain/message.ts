/** What a person reads: one plain message per reminder, the same for e-mail and webhook receivers. */
import type { ReminderIssuedData } from './events';

export interface ReminderMessage {
  key: string;
  subject: string;
  text: string;
  trustUrl: string;
  /** The JSON body a webhook receiver gets. */
  payload: Record<string, unknown>;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`));
}

function headline(r: ReminderIssuedData): string {
  switch (r.rule) {
    case 'milestone-due':
      return r.leadDays === 0
        ? `Due today: ${r.subjectTitle}`
        : `Due in ${days(r.leadDays)}: ${r.subjectTitle}`;
    case 'milestone-overdue':
      return `Overdue: ${r.subjectTitle}`;
    case 'key-issues-review':
      return `Key issues review deadline in ${days(r.leadDays)}`;
    case 'key-issues-review-overdue':
      return 'Key issues review deadline has passed';
    case 'vesting-day':
      return `Vesting day in ${days(r.leadDays)}`;
    case 'annual-review':
      return `Children and Young People's Plan annual review due in ${days(r.leadDays)}`;
    case 'annual-review-overdue':
      return "Children and Young People's Plan annual review is overdue";
    case 'attendance-below-minimum':
      return 'A board member is below their committed attendance';
    case 'decision-effective':
      return r.leadDays === 0
        ? `Decision takes effect today`
        : `Decision takes effect in ${days(r.leadDays)}`;
  }
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export function reminderMessage(r: ReminderIssuedData, publicBaseUrl: string): ReminderMessage {
  const trustUrl = `${publicBaseUrl.replace(/\/$/, '')}/trust/${encodeURIComponent(r.trustId)}`;
  const subject = `[${r.trustName}] ${headline(r)}`;
  const lines = [
    headline(r),
    '',
    `Trust: ${r.trustName}`,
    `About: ${r.subjectTitle}`,
    `Date: ${longDate(r.subjectDate)}`,
    ...(r.escalated
      ? [`Escalated: ${r.unansweredBefore} earlier reminder(s) about this have not been acknowledged.`]
      : []),
    '',
    `Open the trust: ${trustUrl}`,
    `Acknowledge or snooze this reminder there; its reference is ${r.key}.`,
  ];
  return {
    key: r.key,
    subject,
    text: lines.join('\n'),
    trustUrl,
    payload: {
      key: r.key,
      rule: r.rule,
      headline: headline(r),
      trustId: r.trustId,
      trustName: r.trustName,
      authority: r.authority,
      subjectId: r.subjectId,
      subjectTitle: r.subjectTitle,
      subjectDate: r.subjectDate,
      occurrence: r.occurrence,
      escalated: r.escalated,
      recipients: r.recipients,
      trustUrl,
    },
  };
}
