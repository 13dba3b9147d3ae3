import { h } from '../dom';
import { humanise, longDate, plural } from '../format';

/** What each reminder rule is called on the page. */
export const RULES: Record<string, string> = {
  'milestone-due': 'Milestone due',
  'milestone-overdue': 'Milestone overdue',
  'key-issues-review': 'Key issues review due',
  'key-issues-review-overdue': 'Key issues review overdue',
  'vesting-day': 'Vesting day',
  'annual-review': 'Annual review of the plan due',
  'annual-review-overdue': 'Annual review of the plan overdue',
  'attendance-below-minimum': 'Attendance below the committed minimum',
  'decision-effective': 'Decision takes effect',
};

/** "Milestone due in 7 days", "Milestone overdue", "Decision takes effect today". */
export function whatText(rule: string, leadDays: number): string {
  const label = RULES[rule] ?? humanise(rule);
  if (leadDays < 0 || rule === 'attendance-below-minimum') return label;
  if (leadDays === 0) return `${label}: today`;
  return `${label} in ${plural(leadDays, 'day')}`;
}

const DATE_WORD: Record<string, string> = {
  'decision-effective': 'takes effect',
  'vesting-day': 'on',
  'attendance-below-minimum': 'meeting of',
};

export function aboutText(subjectTitle: string, rule: string, subjectDate: string): string {
  return `${subjectTitle} (${DATE_WORD[rule] ?? 'due'} ${longDate(subjectDate)})`;
}

export function contactName(contact: string): string {
  if (contact === 'programme-manager') return 'Programme manager';
  if (contact === 'dcs') return 'Director of Children’s Services (DCS)';
  return contact;
}

export const MORE = 10;

/** "Show 10 more ...": reveals the next few rows of a list, or nothing when all are shown. */
export function moreButton(
  hidden: number,
  what: string,
  controls: string,
  more: () => void,
): HTMLElement | null {
  if (hidden <= 0) return null;
  return h(
    'button',
    { type: 'button', class: 'button button--secondary', 'aria-controls': controls, onclick: more },
    `Show ${Math.min(hidden, MORE)} more ${what} (${hidden} not shown)`,
  );
}
