/**
 * The reminders' own events. Each issued reminder has a stream named by its key; its first event,
 * ReminderIssued, is appended with expected revision "no stream", which is the claim: two
 * dispatchers can never both issue it. Deliveries, failures, acknowledgements and snoozes follow in
 * the same stream, so the audit trail shows who was told what, when, and who answered.
 */
import type { CalendarDate } from '@trustworks/trust-domain';
import type { ScheduleEntry } from './schedule';
import type { ReminderSettings } from './settings';

export const REMINDER_STREAM_PREFIX = 'reminder-';
export const REMINDER_SETTINGS_STREAM_PREFIX = 'reminders.settings-';
export const REMINDER_ACTOR = 'system:reminders';

export const reminderStream = (key: string) => `${REMINDER_STREAM_PREFIX}${key}`;
export const settingsStream = (trustId: string) => `${REMINDER_SETTINGS_STREAM_PREFIX}${trustId}`;

export type Channel = 'email' | 'webhook';

export interface DeliveryTarget {
  /** Stable within the reminder: `email:<address>` or `webhook:<url>`. */
  deliveryId: string;
  channel: Channel;
  /** An e-mail address or a URL. */
  target: string;
}

export interface ReminderIssuedData extends Pick<
  ScheduleEntry,
  | 'scheduleId'
  | 'rule'
  | 'trustId'
  | 'authority'
  | 'trustName'
  | 'subjectId'
  | 'subjectTitle'
  | 'subjectDate'
  | 'leadDays'
> {
  key: string;
  /** The London day this occurrence fell due (for a repeating reminder, one of several). */
  occurrence: CalendarDate;
  /** Contact keys told (after escalation), with the addresses they resolved to. */
  recipients: Array<{ contact: string; addresses: string[] }>;
  /** Contact keys with no address in the settings: shown in the app only. */
  unaddressed: string[];
  deliveries: DeliveryTarget[];
  /** Earlier reminders about the same subject still unacknowledged when this one was issued. */
  unansweredBefore: number;
  escalated: boolean;
}

/** Every event after the issue names its reminder and trust, so a reader can route it without a lookup. */
export interface AboutReminder {
  key: string;
  trustId: string;
}

export interface ReminderDeliveryAttemptedData extends AboutReminder {
  deliveryId: string;
  attempt: number;
}

export interface ReminderDeliveredData extends AboutReminder {
  deliveryId: string;
  channel: Channel;
  target: string;
  attempt: number;
  /** What the peer answered: the SMTP reply or the HTTP status. */
  response: string;
}

export interface ReminderDeliveryFailedData extends AboutReminder {
  deliveryId: string;
  channel: Channel;
  target: string;
  attempt: number;
  error: string;
  /** When the next attempt falls due, ISO-8601 UTC; null once the attempts are used up. */
  nextAttemptAt: string | null;
}

export interface ReminderAcknowledgedData extends AboutReminder {
  note: string | null;
}

export interface ReminderSnoozedData extends AboutReminder {
  /** Remind again at this instant, ISO-8601 UTC. */
  until: string;
  note: string | null;
}

export interface ReminderSettingsChangedData {
  trustId: string;
  authority: string;
  settings: Partial<ReminderSettings>;
}

export type ReminderEvent =
  | { type: 'ReminderIssued'; data: ReminderIssuedData }
  | { type: 'ReminderDeliveryAttempted'; data: ReminderDeliveryAttemptedData }
  | { type: 'ReminderDelivered'; data: ReminderDeliveredData }
  | { type: 'ReminderDeliveryFailed'; data: ReminderDeliveryFailedData }
  | { type: 'ReminderAcknowledged'; data: ReminderAcknowledgedData }
  | { type: 'ReminderSnoozed'; data: ReminderSnoozedData }
  | { type: 'ReminderSettingsChanged'; data: ReminderSettingsChangedData };

export const REMINDER_SCHEMA_VERSION = 1;

/** Backoff between delivery attempts: 1, 5, 15, 60 minutes, then 4 hours; six attempts in all. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 900_000, 3_600_000, 14_400_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
