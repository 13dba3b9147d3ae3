import Database from 'better-sqlite3';
import { ReadModelFile, type ReadModelFileOptions, type Position } from '@trustworks/event-store';
import type { CalendarDate } from '@trustworks/trust-domain';
import type {
  ReminderAcknowledgedData,
  ReminderDeliveredData,
  ReminderDeliveryFailedData,
  ReminderIssuedData,
  ReminderSnoozedData,
} from '../domain/events';
import { nextAfter } from '../domain/occurrence';
import type { ScheduleEntry } from '../domain/schedule';
import type { ReminderSettings } from '../domain/settings';
import { londonDate } from '@trustworks/platform';
import { REMINDER_SCHEMA, REMINDER_TABLES_VERSION, REMINDER_TABLES } from './reminder-schema';
import { statements, type Statements } from './reminder-statements';
import {
  toDelivery,
  toDue,
  toIssued,
  type DeliveryRow,
  type DueRow,
  type IssuedRow,
  type Raw,
} from './reminder-rows';

export type { DeliveryRow, DueRow, IssuedRow } from './reminder-rows';

/** How long an attempt may be under way before another dispatcher may take the delivery over. */
export const ATTEMPT_TIMEOUT_MS = 120_000;

const CHECKPOINT = 'reminders';

/**
 * The reminders projection in its own SQLite file (`reminders.sqlite` beside the event store).
 * Each batch of events, its rows and its checkpoint commit in one transaction.
 */
export class ReminderDb {
  private readonly stmt: Statements;
  readonly db: Database.Database;

  private constructor(private readonly file: ReadModelFile) {
    const db = file.db;
    this.db = db;
    if (db.pragma('user_version', { simple: true }) !== REMINDER_TABLES_VERSION) {
      // A cache of the events: an older layout is dropped and the runner rebuilds it from the start.
      for (const table of REMINDER_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.pragma(`user_version = ${REMINDER_TABLES_VERSION}`);
    }
    db.exec(REMINDER_SCHEMA);
    this.stmt = statements(db);
  }

  static open(path: string, options: ReadModelFileOptions = {}): ReminderDb {
    return new ReminderDb(ReadModelFile.open(path, options));
  }

  transaction<T>(work: () => T): T {
    return this.file.transaction(work);
  }

  checkpoint(): Position | null {
    return (this.stmt.checkpoint.get(CHECKPOINT) as number | undefined) ?? null;
  }

  setCheckpoint(position: Position): void {
    this.stmt.setCheckpoint.run(CHECKPOINT, position);
  }

  reset(): void {
    this.db.exec(
      'DELETE FROM checkpoints; DELETE FROM settings; DELETE FROM schedule; DELETE FROM issued; DELETE FROM deliveries;',
    );
  }

  close(): void {
    this.file.close();
  }

  /** Closes after stopping any checkpoint thread (see `ReadModelFile.shutdown`): the server's shutdown. */
  shutdown(): Promise<void> {
    return this.file.shutdown();
  }

  // ---- settings ----

  settingsOf(trustId: string): Partial<ReminderSettings> | undefined {
    const json = this.stmt.settings.get(trustId) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as Partial<ReminderSettings>);
  }

  putSettings(trustId: string, authority: string, settings: Partial<ReminderSettings>): void {
    this.stmt.putSettings.run(trustId, authority, JSON.stringify(settings));
  }

  // ---- schedule ----

  /** The trust's schedule as the record now says; what was already issued is not scheduled again. */
  replaceSchedule(trustId: string, entries: readonly ScheduleEntry[], sendHour: number): void {
    this.stmt.deleteSchedule.run(trustId);
    for (const entry of entries) this.writeEntry(entry, sendHour);
  }

  /**
   * The same as `replaceSchedule` when the caller knows what the schedule held: writes only the
   * entries that changed and removes only those that left (snoozed copies stay, as there).
   */
  updateSchedule(changed: readonly ScheduleEntry[], removedIds: readonly string[], sendHour: number): void {
    for (const scheduleId of removedIds) this.stmt.deleteScheduleEntry.run(scheduleId);
    for (const entry of changed) this.writeEntry(entry, sendHour);
  }

  private writeEntry(entry: ScheduleEntry, sendHour: number): void {
    const next = this.nextOccurrence(entry.scheduleId, entry, sendHour);
    this.stmt.insertSchedule.run({
      ...entry,
      expiresAt: entry.expiresAt,
      sendHour,
      recipients: JSON.stringify(entry.recipients),
      nextOn: next?.on ?? null,
      nextAt: next?.at ?? null,
      snoozedKey: null,
    });
  }

  private nextOccurrence(
    scheduleId: string,
    entry: Pick<ScheduleEntry, 'remindOn' | 'dueAt' | 'everyDays'>,
    sendHour: number,
  ): { on: CalendarDate; at: string } | null {
    const last = this.stmt.lastIssued.get(scheduleId) as string | null | undefined;
    if (last === undefined || last === null) return { on: entry.remindOn, at: entry.dueAt };
    return nextAfter({ everyDays: entry.everyDays, sendHour }, last);
  }

  /** Stale lead-time reminders leave the due set for good; repeating ones never go stale. */
  expireStale(now: Date): number {
    return this.stmt.expire.run({ now: now.toISOString() }).changes;
  }

  dueSet(now: Date, limit: number): DueRow[] {
    return (this.stmt.due.all({ now: now.toISOString(), limit }) as Raw[]).map(toDue);
  }

  upcoming(trustId: string, now: Date, limit: number): DueRow[] {
    return (this.stmt.upcoming.all({ trustId, now: now.toISOString(), limit }) as Raw[]).map(toDue);
  }

  /** The earliest instant anything falls due: the next reminder or the next delivery attempt. */
  nextWake(): string | null {
    const a = this.stmt.nextDue.get() as string | null;
    const b = this.stmt.nextDelivery.get() as string | null;
    if (a === null) return b;
    if (b === null) return a;
    return a < b ? a : b;
  }

  // ---- issued reminders ----

  onIssued(data: ReminderIssuedData, issuedAt: string, revision: number): void {
    this.stmt.insertIssued.run({
      ...data,
      issuedAt,
      recipients: JSON.stringify(data.recipients),
      unaddressed: JSON.stringify(data.unaddressed),
      escalated: data.escalated ? 1 : 0,
      revision,
    });
    const claimUntil = new Date(Date.parse(issuedAt) + ATTEMPT_TIMEOUT_MS).toISOString();
    for (const d of data.deliveries) {
      this.stmt.insertDelivery.run({ ...d, key: data.key, nextAttemptAt: claimUntil, updatedAt: issuedAt });
    }
    this.advance(data.scheduleId, data.occurrence);
  }

  private advance(scheduleId: string, occurrence: CalendarDate): void {
    const row = this.stmt.scheduleRow.get(scheduleId) as Raw | undefined;
    if (row === undefined) return;
    const every = row.every_days as number | null;
    // Forward only: two dispatchers may issue neighbouring occurrences and be projected in either
    // order, so the next follows the latest issued so far (this one is already among them).
    const latest = (this.stmt.lastIssued.get(scheduleId) as string | null) ?? occurrence;
    const next = nextAfter({ everyDays: every, sendHour: row.send_hour as number }, latest);
    this.stmt.setNext.run(next?.on ?? null, next?.at ?? null, scheduleId);
  }

  onAttempted(key: string, deliveryId: string, attempt: number, at: string, revision: number): void {
    const claimUntil = new Date(Date.parse(at) + ATTEMPT_TIMEOUT_MS).toISOString();
    this.stmt.updateDelivery.run('pending', attempt, null, null, claimUntil, at, key, deliveryId);
    this.stmt.setRevision.run(revision, key);
  }

  onDelivered(data: ReminderDeliveredData, at: string, revision: number): void {
    this.stmt.updateDelivery.run(
      'delivered',
      data.attempt,
      null,
      data.response,
      null,
      at,
      data.key,
      data.deliveryId,
    );
    this.stmt.setRevision.run(revision, data.key);
  }

  onFailed(data: ReminderDeliveryFailedData, at: string, revision: number): void {
    const status = data.nextAttemptAt === null ? 'abandoned' : 'failed';
    this.stmt.updateDelivery.run(
      status,
      data.attempt,
      data.error,
      null,
      data.nextAttemptAt,
      at,
      data.key,
      data.deliveryId,
    );
    this.stmt.setRevision.run(revision, data.key);
  }

  onAcknowledged(
    data: ReminderAcknowledgedData,
    at: string,
    by: { subject: string; name: string },
    revision: number,
  ): void {
    this.stmt.acknowledge.run({
      at,
      by: by.subject,
      byName: by.name,
      note: data.note,
      revision,
      key: data.key,
    });
  }

  /** A snooze is one more scheduled reminder: the same subject, due at the chosen time, once. */
  onSnoozed(data: ReminderSnoozedData, revision: number): void {
    this.stmt.snooze.run({ until: data.until, note: data.note, revision, key: data.key });
    const issued = this.issued(data.key);
    if (issued === undefined) return;
    const scheduleId = `${data.key}~snoozed-${data.until}`;
    const on = londonDate(new Date(data.until));
    const done = this.stmt.lastIssued.get(scheduleId) !== null;
    this.stmt.insertSchedule.run({
      ...issued,
      scheduleId,
      leadDays: 0,
      remindOn: on,
      dueAt: data.until,
      expiresAt: null,
      everyDays: null,
      sendHour: 0,
      recipients: JSON.stringify(issued.recipients.map((r) => r.contact)),
      nextOn: done ? null : on,
      nextAt: done ? null : data.until,
      snoozedKey: data.key,
    });
  }

  issued(key: string): IssuedRow | undefined {
    const row = this.stmt.issued.get(key) as Raw | undefined;
    return row === undefined ? undefined : toIssued(row);
  }

  issuedFor(trustId: string, limit: number): IssuedRow[] {
    return (this.stmt.issuedForTrust.all(trustId, limit) as Raw[]).map(toIssued);
  }

  /** Issued reminders for some authorities (null: all), newest first; `open` = not yet acknowledged. */
  issuedVisible(authorities: readonly string[] | null, open: boolean, limit: number): IssuedRow[] {
    const rows =
      authorities === null
        ? this.stmt.issuedAll.all({ open: open ? 1 : 0, limit })
        : this.stmt.issuedByAuthorities.all({
            authorities: JSON.stringify(authorities),
            open: open ? 1 : 0,
            limit,
          });
    return (rows as Raw[]).map(toIssued);
  }

  /** Reminders about the same subject still unacknowledged: the count that escalates to the DCS. */
  unanswered(trustId: string, subjectId: string): number {
    return this.stmt.unanswered.get(trustId, subjectId) as number;
  }

  deliveriesOf(key: string): DeliveryRow[] {
    return (this.stmt.deliveriesOf.all(key) as Raw[]).map(toDelivery);
  }

  dueDeliveries(now: Date, limit: number): Array<DeliveryRow & { streamRevision: number }> {
    return (this.stmt.dueDeliveries.all(now.toISOString(), limit) as Raw[]).map((r) => ({
      ...toDelivery(r),
      streamRevision: r.stream_revision as number,
    }));
  }

  counts(): { scheduled: number; issued: number } {
    return this.stmt.counts.get() as { scheduled: number; issued: number };
  }
}
