import { Logger } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore } from '@trustworks/event-store';
import type { Clock, IdGenerator } from '@trustworks/platform';
import type { ReminderChannel } from '../adapters/channels';
import { type Channel, type DeliveryTarget, type ReminderIssuedData } from '../domain/events';
import { keyOf, occurrenceAt } from '../domain/occurrence';
import type { ReminderRule } from '../domain/schedule';
import { DCS, effectiveSettings } from '../domain/settings';
import type { DueRow, ReminderDb } from '../store/reminder-db';
import type { CheckpointedRunner } from '@trustworks/event-store';
import type { ReminderProjector } from './reminder-projector';
import { ReminderDeliveries } from './deliveries';
import { mapLimit } from './map-limit';
import { ReminderWriter } from './reminder-writer';

export interface DispatcherOptions {
  publicBaseUrl: string;
  /** Reminders claimed at once: claims from many share the store's group commit. */
  concurrency: number;
  batchSize: number;
}

/**
 * After new events, wait this long for quiet before looking (a burst of back-filled history is one
 * change, not many), but never longer than `MAX_QUIET_WAIT_MS` from the first of them.
 */
const QUIET_MS = 1000;
const MAX_QUIET_WAIT_MS = 5000;

export interface DispatchReport {
  /** Keys this dispatcher issued (claimed) in this run. */
  issued: string[];
  /** Due reminders another dispatcher had already claimed. */
  taken: number;
  delivered: number;
  failed: number;
}

/** The longest the dispatcher sleeps without looking: a safety net, not the schedule. */
const MAX_SLEEP_MS = 60_000;
const IDLE_FLOOR_MS = 1000;

/**
 * Issues due reminders and delivers them. The due set is read from the projection; each reminder is
 * claimed by appending ReminderIssued to its own stream with expected revision "no stream", so of
 * two dispatchers racing for it exactly one succeeds. Only then is anyone told. Each delivery's
 * outcome is an event; a failed one is retried with backoff when its next attempt falls due (also
 * from the projection), each retry claimed with the stream's expected revision.
 *
 * Delivery is at least once: a dispatcher killed after telling someone but before recording it
 * leaves the delivery pending, and another takes it over after a timeout. Webhook receivers get the
 * reminder key as an idempotency key for that reason.
 */
export class ReminderDispatcher {
  private readonly logger = new Logger('Reminders');
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private timer?: NodeJS.Timeout;
  private quietTimer?: NodeJS.Timeout;
  private burstStartedAt = 0;
  private idle = false;
  private unsubscribe?: () => void;
  private readonly writer: ReminderWriter;
  private readonly deliveries: ReminderDeliveries;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReminderDb,
    private readonly projector: ReminderProjector,
    private readonly runner: CheckpointedRunner,
    private readonly channels: ReadonlyMap<Channel, ReminderChannel>,
    private readonly clock: Clock,
    ids: IdGenerator,
    private readonly options: DispatcherOptions,
  ) {
    this.writer = new ReminderWriter(store, clock, ids);
    this.deliveries = new ReminderDeliveries(db, this.writer, channels, clock, options);
  }

  /** Runs on its own: wakes when something falls due and whenever new events are projected. */
  start(): void {
    this.running = true;
    this.unsubscribe = this.projector.onCommit(() => this.afterEvents());
    this.poke();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    clearTimeout(this.quietTimer);
    await this.ticking;
  }

  /** Issues every reminder due now and makes every delivery attempt due now. */
  async runDue(): Promise<DispatchReport> {
    const report: DispatchReport = { issued: [], taken: 0, delivered: 0, failed: 0 };
    await this.runner.caughtUpTo(await this.store.headPosition());
    const now = this.clock.now();
    this.db.expireStale(now);
    let previous = '';
    for (;;) {
      const due = this.db.dueSet(now, this.options.batchSize);
      const signature = due.map((d) => d.scheduleId).join('|');
      if (due.length === 0 || signature === previous) break;
      previous = signature;
      await mapLimit(due, this.options.concurrency, (row) => this.issue(row, now, report));
      // Before looking again: the projection must have seen these claims, ours and any rival's.
      await this.runner.caughtUpTo(await this.store.headPosition());
    }
    await this.deliveries.retryDue(report);
    return report;
  }

  /** Elapsed real time, not the clock's: this only spaces out the dispatcher's own work. */
  private afterEvents(): void {
    if (!this.running) return;
    const now = performance.now();
    if (this.quietTimer === undefined) this.burstStartedAt = now;
    clearTimeout(this.quietTimer);
    const quiet = QUIET_MS;
    const deadline = this.burstStartedAt + MAX_QUIET_WAIT_MS;
    this.quietTimer = setTimeout(
      () => {
        this.quietTimer = undefined;
        this.poke();
      },
      Math.max(0, Math.min(quiet, deadline - now)),
    );
    this.quietTimer.unref();
  }

  private poke(): void {
    if (!this.running) return;
    if (this.ticking !== null) {
      this.again = true;
      return;
    }
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.again) this.poke();
      else this.sleep();
    });
  }

  private async tick(): Promise<void> {
    this.again = false;
    try {
      const report = await this.runDue();
      if (report.issued.length > 0) this.logger.log(`issued ${report.issued.length} reminder(s)`);
      this.idle = report.issued.length + report.delivered + report.failed === 0;
    } catch (error) {
      this.idle = true;
      this.logger.error(`reminder run failed, will try again: ${String(error)}`);
    }
  }

  private sleep(): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    const wake = this.db.nextWake();
    const wait = wake === null ? MAX_SLEEP_MS : Date.parse(wake) - this.clock.now().getTime();
    // A run that did nothing while something looked due (a claim another process holds, a failing
    // store) waits a moment rather than spinning.
    const floor = this.idle ? IDLE_FLOOR_MS : 0;
    this.timer = setTimeout(() => this.poke(), Math.min(MAX_SLEEP_MS, Math.max(floor, wait)));
    this.timer.unref();
  }

  private async issue(row: DueRow, now: Date, report: DispatchReport): Promise<void> {
    const data = this.issuedData(row, now);
    try {
      // Recorded at the claim itself: the first attempt's time limit runs from when it starts.
      await this.writer.append(data.key, 'ReminderIssued', data, 'no_stream', data.authority);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      report.taken += 1;
      return;
    }
    report.issued.push(data.key);
    await Promise.all(data.deliveries.map((d) => this.deliveries.attempt(data, d, 1, report)));
  }

  private issuedData(row: DueRow, now: Date): ReminderIssuedData {
    const occurrence = occurrenceAt(row, now);
    const settings = effectiveSettings(this.db.settingsOf(row.trustId));
    const unansweredBefore = this.db.unanswered(row.trustId, row.subjectId);
    const escalated = unansweredBefore >= settings.escalateAfterUnanswered;
    const contacts = [...new Set(escalated ? [...row.recipients, DCS] : row.recipients)];
    const recipients = contacts.map((contact) => ({ contact, addresses: settings.contacts[contact] ?? [] }));
    const deliveries: DeliveryTarget[] = [];
    if (this.channels.has('email')) {
      for (const address of new Set(recipients.flatMap((r) => r.addresses))) {
        deliveries.push({ deliveryId: `email:${address}`, channel: 'email', target: address });
      }
    }
    if (this.channels.has('webhook')) {
      for (const url of new Set(settings.webhooks)) {
        deliveries.push({ deliveryId: `webhook:${url}`, channel: 'webhook', target: url });
      }
    }
    return {
      key: row.snoozedKey !== null ? row.scheduleId : keyOf(row, occurrence),
      scheduleId: row.scheduleId,
      rule: row.rule as ReminderRule,
      trustId: row.trustId,
      authority: row.authority,
      trustName: row.trustName,
      subjectId: row.subjectId,
      subjectTitle: row.subjectTitle,
      subjectDate: row.subjectDate,
      leadDays: row.leadDays,
      occurrence,
      recipients,
      unaddressed: recipients.filter((r) => r.addresses.length === 0).map((r) => r.contact),
      deliveries,
      unansweredBefore,
      escalated,
    };
  }
}
