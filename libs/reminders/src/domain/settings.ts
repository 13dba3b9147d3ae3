import { KEY_ISSUES_REVIEW_MONTHS, PLAN_REVIEW_MONTHS } from '@trustworks/trust-domain';

/**
 * Per-trust reminder settings. Defaults (also in the README) are the programme office's usual
 * practice; a trust's programme manager may change any of them over the API.
 */
export interface ReminderSettings {
  /** Off stops new reminders for the trust; what was issued stays on the record. */
  enabled: boolean;
  /** Days before a milestone's forecast due date. */
  milestoneLeadDays: number[];
  /** After a milestone is overdue, remind again every this many days. */
  overdueEveryDays: number;
  /** The key-issues review deadline: this many months after the implementation board convened. */
  keyIssuesReviewMonths: number;
  deadlineLeadDays: number[];
  vestingCountdownDays: number[];
  /** The CYPP annual review falls due this many months after approval (and after each review). */
  annualReviewMonths: number;
  /** Days before a decision takes effect (0 = on the day). */
  decisionEffectiveLeadDays: number[];
  /** The DCS is copied in once this many earlier reminders about the same thing went unanswered. */
  escalateAfterUnanswered: number;
  /** Local (Europe/London) hour at which a day's reminders fall due. */
  sendHour: number;
  /**
   * Who is told: e-mail addresses keyed by a milestone owner's name as the programme gives it
   * (e.g. "Strategic Director People"), plus the reserved keys `programme-manager` and `dcs`.
   */
  contacts: Record<string, string[]>;
  /** Webhook receivers: each gets a signed JSON POST per reminder. */
  webhooks: string[];
}

export const PROGRAMME_MANAGER = 'programme-manager';
export const DCS = 'dcs';

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: true,
  milestoneLeadDays: [14, 7, 1],
  overdueEveryDays: 7,
  keyIssuesReviewMonths: KEY_ISSUES_REVIEW_MONTHS,
  deadlineLeadDays: [14, 7, 1],
  vestingCountdownDays: [28, 14, 7, 1],
  annualReviewMonths: PLAN_REVIEW_MONTHS,
  decisionEffectiveLeadDays: [0],
  escalateAfterUnanswered: 2,
  sendHour: 8,
  contacts: {},
  webhooks: [],
};

/** Stored settings over the defaults: a setting added later takes its default for older trusts. */
export function effectiveSettings(stored: Partial<ReminderSettings> | undefined): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, ...(stored ?? {}) };
}
