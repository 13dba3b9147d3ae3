import type { CalendarDate } from '@trustworks/trust-domain';
import type { ReminderIssuedData } from '../domain/events';

/** The reminders projection's rows as the rest of the code reads them. */
export interface DueRow {
  scheduleId: string;
  trustId: string;
  authority: string;
  trustName: string;
  rule: string;
  subjectId: string;
  subjectTitle: string;
  subjectDate: CalendarDate;
  leadDays: number;
  everyDays: number | null;
  sendHour: number;
  recipients: string[];
  nextOn: CalendarDate;
  nextAt: string;
  expiresAt: string | null;
  snoozedKey: string | null;
}

export interface IssuedRow {
  key: string;
  scheduleId: string;
  trustId: string;
  authority: string;
  trustName: string;
  rule: string;
  subjectId: string;
  subjectTitle: string;
  subjectDate: CalendarDate;
  occurrence: CalendarDate;
  issuedAt: string;
  recipients: ReminderIssuedData['recipients'];
  unaddressed: string[];
  escalated: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedNote: string | null;
  snoozedUntil: string | null;
  snoozeNote: string | null;
  streamRevision: number;
}

export interface DeliveryRow {
  key: string;
  deliveryId: string;
  channel: 'email' | 'webhook';
  target: string;
  status: 'pending' | 'delivered' | 'failed' | 'abandoned';
  attempts: number;
  lastError: string | null;
  response: string | null;
  nextAttemptAt: string | null;
  updatedAt: string;
}

export type Raw = Record<string, string | number | null>;

/** A row with its columns in camelCase, as the rest of the code names them. */
function camel(r: Raw): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
}

export function toDue(r: Raw): DueRow {
  const row = camel(r);
  return { ...row, recipients: JSON.parse(r.recipients as string) } as unknown as DueRow;
}

export function toIssued(r: Raw): IssuedRow {
  const row = camel(r);
  return {
    ...row,
    recipients: JSON.parse(r.recipients as string),
    unaddressed: JSON.parse(r.unaddressed as string),
    escalated: r.escalated === 1,
  } as unknown as IssuedRow;
}

export function toDelivery(r: Raw): DeliveryRow {
  return camel(r) as unknown as DeliveryRow;
}
