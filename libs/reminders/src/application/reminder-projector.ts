import type { Position, RecordedEvent } from '@trustworks/event-store';
import type { TrustState } from '@trustworks/trust-domain';
import { TRUST_STREAM_PREFIX, trustIdOf } from '@trustworks/trusts';
import {
  REMINDER_SETTINGS_STREAM_PREFIX,
  REMINDER_STREAM_PREFIX,
  type ReminderAcknowledgedData,
  type ReminderDeliveredData,
  type ReminderDeliveryAttemptedData,
  type ReminderDeliveryFailedData,
  type ReminderEvent,
  type ReminderIssuedData,
  type ReminderSettingsChangedData,
  type ReminderSnoozedData,
} from '../domain/events';
import { scheduleGroupsFor, type ScheduleEntry } from '../domain/schedule';
import { effectiveSettings } from '../domain/settings';
import type { ReminderDb } from '../store/reminder-db';

/**
 * Where the projector gets a trust's state: the trusts' repository (a cached fold). A trust's state, folded at least up to `revision` when one is given (the newest of its events in
 * the batch at hand), or up to the head; null when the trust does not exist.
 */
export type LoadTrust = (trustId: string, revision?: number) => Promise<TrustState | null>;

const WRITTEN_LIMIT = 20_000;

/**
 * Whether two entries say the same: the same object (the schedule hands back the same entry objects
 * while their subject is unchanged) or equal field by field. No JSON of each entry is kept to compare
 * by: that string per entry, held for every decision of every trust, weighed more than the entries.
 */
function sameEntry(a: ScheduleEntry | undefined, b: ScheduleEntry): boolean {
  if (a === b) return true;
  if (a === undefined) return false;
  const keys = Object.keys(b) as (keyof ScheduleEntry)[];
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((key) => {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    return x === y;
  });
}

/** A trust's schedule as last written: the send hour, its groups (see `scheduleGroupsFor`), each entry by schedule id. */
interface WrittenSchedule {
  sendHour: number;
  groups: Set<ScheduleEntry[]>;
  entries: Map<string, ScheduleEntry>;
}

export const REMINDER_STREAM_PREFIXES = [
  TRUST_STREAM_PREFIX,
  REMINDER_STREAM_PREFIX,
  REMINDER_SETTINGS_STREAM_PREFIX,
];

/**
 * Folds events into the reminders projection. A trust event (or a settings change) recomputes that
 * trust's schedule from its current state; a reminder event records issue, delivery, answer.
 * Rows and checkpoint commit together.
 */
export class ReminderProjector {
  private readonly listeners = new Set<(position: Position) => void>();
  /**
   * What was last written for each trust's schedule: most events leave it as it was, and most of
   * the rest change an entry or two (a new decision, a meeting) of a schedule that grows with the
   * record, so only the entries that differ are written.
   */
  private readonly written = new Map<string, WrittenSchedule>();
  /** The checkpoint this process last committed (`written` describes the rows as they were then). */
  private lastCommitted: Position | null | undefined = undefined;

  constructor(
    readonly db: ReminderDb,
    private readonly loadTrust: LoadTrust,
  ) {}

  position(): Position | null {
    return this.db.checkpoint();
  }

  onCommit(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async apply(events: readonly RecordedEvent[], upTo: Position): Promise<void> {
    const current = this.position();
    if (current !== null && upTo <= current) return;
    const fresh = events.filter((e) => current === null || e.position > current);
    const states = new Map<string, TrustState>();
    for (const [trustId, revision] of touchedTrusts(fresh)) {
      const state = await this.loadTrust(trustId, revision);
      if (state !== null) states.set(trustId, state);
    }
    const changed = new Map<string, WrittenSchedule>();
    let wrote = false;
    try {
      this.db.transaction(() => {
        // Another process on the same files may have applied some of these meanwhile: look again inside the lock.
        const committed = this.position();
        if (committed !== null && upTo <= committed) return;
        // The checkpoint is not where this process last left it: another process on the same files
        // wrote since, and what this one believes written may no longer be so.
        if (committed !== this.lastCommitted) this.written.clear();
        for (const event of fresh) if (committed === null || event.position > committed) this.record(event);
        for (const [trustId, state] of states) this.schedule(trustId, state, changed);
        this.db.setCheckpoint(upTo);
        wrote = true;
      });
    } catch (error) {
      // A schedule may have been updated in place for a write that did not happen: forget it.
      for (const trustId of changed.keys()) this.written.delete(trustId);
      throw error;
    }
    if (wrote) {
      // Remembered only once committed: a failed batch leaves nothing believed written.
      this.lastCommitted = upTo;
      for (const [trustId, schedule] of changed) this.written.set(trustId, schedule);
      if (this.written.size > WRITTEN_LIMIT) this.written.clear();
    }
    for (const listener of this.listeners) listener(upTo);
  }

  reset(): void {
    this.written.clear();
    this.db.reset();
  }

  private schedule(trustId: string, state: TrustState, changed: Map<string, WrittenSchedule>): void {
    const settings = effectiveSettings(this.db.settingsOf(trustId));
    const { sendHour } = settings;
    const groups = scheduleGroupsFor(state, settings);
    // Within one batch a trust is scheduled once, after its events: `written` is what is in the file.
    const before = this.written.get(trustId);
    if (before === undefined || before.sendHour !== sendHour) {
      const entries = new Map<string, ScheduleEntry>();
      for (const group of groups) for (const entry of group) entries.set(entry.scheduleId, entry);
      this.db.replaceSchedule(trustId, [...entries.values()], sendHour);
      changed.set(trustId, { sendHour, groups: new Set(groups), entries });
      return;
    }
    // A group written last time and handed back again holds the same entries: only the groups that
    // are new can hold a new or changed entry, and only the groups that are gone a removed one.
    const now = new Set(groups);
    const fresh = groups.filter((group) => !before.groups.has(group));
    if (fresh.length === 0 && now.size === before.groups.size) return;
    const present = new Set<string>();
    const differing: ScheduleEntry[] = [];
    for (const group of fresh) {
      for (const entry of group) {
        present.add(entry.scheduleId);
        if (!sameEntry(before.entries.get(entry.scheduleId), entry)) differing.push(entry);
      }
    }
    const removed: string[] = [];
    for (const group of before.groups) {
      if (now.has(group)) continue;
      for (const entry of group) if (!present.has(entry.scheduleId)) removed.push(entry.scheduleId);
    }
    if (removed.length > 0 || differing.length > 0) this.db.updateSchedule(differing, removed, sendHour);
    // Updated in place (see `apply`: forgotten if the transaction fails).
    for (const id of removed) before.entries.delete(id);
    for (const entry of differing) before.entries.set(entry.scheduleId, entry);
    changed.set(trustId, { sendHour, groups: now, entries: before.entries });
  }

  private record(event: RecordedEvent): void {
    if (
      !event.stream.startsWith(REMINDER_STREAM_PREFIX) &&
      !event.stream.startsWith(REMINDER_SETTINGS_STREAM_PREFIX)
    ) {
      return;
    }
    const at = String(event.metadata.recordedAt);
    const e = { type: event.type, data: event.data } as ReminderEvent;
    switch (e.type) {
      case 'ReminderIssued':
        return this.db.onIssued(e.data as ReminderIssuedData, at, event.revision);
      case 'ReminderDeliveryAttempted': {
        const d = e.data as ReminderDeliveryAttemptedData;
        return this.db.onAttempted(d.key, d.deliveryId, d.attempt, at, event.revision);
      }
      case 'ReminderDelivered':
        return this.db.onDelivered(e.data as ReminderDeliveredData, at, event.revision);
      case 'ReminderDeliveryFailed':
        return this.db.onFailed(e.data as ReminderDeliveryFailedData, at, event.revision);
      case 'ReminderAcknowledged': {
        const by = {
          subject: String(event.metadata.actor),
          name: String(event.metadata.actorName ?? event.metadata.actor),
        };
        return this.db.onAcknowledged(e.data as ReminderAcknowledgedData, at, by, event.revision);
      }
      case 'ReminderSnoozed':
        return this.db.onSnoozed(e.data as ReminderSnoozedData, event.revision);
      case 'ReminderSettingsChanged': {
        const d = e.data as ReminderSettingsChangedData;
        return this.db.putSettings(d.trustId, d.authority, d.settings);
      }
      default: {
        const unknown: never = e;
        return unknown;
      }
    }
  }
}

/** The trusts the events touch, each with the newest revision of its own stream among them (if any). */
function touchedTrusts(events: readonly RecordedEvent[]): Map<string, number | undefined> {
  const ids = new Map<string, number | undefined>();
  for (const event of events) {
    if (event.stream.startsWith(TRUST_STREAM_PREFIX)) {
      const trustId = trustIdOf(event.stream);
      ids.set(trustId, Math.max(event.revision, ids.get(trustId) ?? -1));
    } else if (event.type === 'ReminderSettingsChanged') {
      const trustId = (event.data as ReminderSettingsChangedData).trustId;
      if (!ids.has(trustId)) ids.set(trustId, undefined);
    }
  }
  return ids;
}
