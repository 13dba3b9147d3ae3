export { RemindersModule, remindersDatabasePath, type RemindersConfig } from './reminders.module';
export { ReminderDispatcher, type DispatchReport } from './application/dispatcher';
export { ReminderService } from './application/reminder-service';
export { ReminderProjector, REMINDER_STREAM_PREFIXES } from './application/reminder-projector';
export {
  ReminderDb,
  ATTEMPT_TIMEOUT_MS,
  type DueRow,
  type IssuedRow,
  type DeliveryRow,
} from './store/reminder-db';
export { scheduleFor, REMINDER_RULES, type ReminderRule, type ScheduleEntry } from './domain/schedule';
export { DEFAULT_REMINDER_SETTINGS, effectiveSettings, type ReminderSettings } from './domain/settings';
export { signature, SIGNATURE_HEADER } from './adapters/webhook-channel';
export type { SmtpConfig } from './adapters/email-channel';
export * from './domain/events';
export { dueInstant } from './domain/days';
