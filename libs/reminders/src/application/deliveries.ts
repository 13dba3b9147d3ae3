import { WrongExpectedRevisionError, type Position } from '@trustworks/event-store';
import type { Clock } from '@trustworks/platform';
import type { ReminderChannel } from '../adapters/channels';
import {
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  type Channel,
  type DeliveryTarget,
  type ReminderIssuedData,
} from '../domain/events';
import { reminderMessage } from '../domain/message';
import type { ReminderDb } from '../store/reminder-db';
import { mapLimit } from './map-limit';
import type { ReminderWriter } from './reminder-writer';

/** What the deliveries of a run came to. */
export interface DeliveryCounts {
  delivered: number;
  failed: number;
}

/**
 * Telling people, and recording it: each attempt's outcome is an event; a failure names when the
 * next attempt falls due (backoff), and a retry is claimed with the stream's expected revision so
 * two dispatchers do not both make it.
 */
export class ReminderDeliveries {
  constructor(
    private readonly db: ReminderDb,
    private readonly writer: ReminderWriter,
    private readonly channels: ReadonlyMap<Channel, ReminderChannel>,
    private readonly clock: Clock,
    private readonly options: { publicBaseUrl: string; concurrency: number; batchSize: number },
  ) {}

  /** One delivery attempt, and its outcome recorded. Resolves with the outcome's position. */
  async attempt(
    data: ReminderIssuedData,
    delivery: DeliveryTarget,
    attempt: number,
    report: DeliveryCounts,
  ): Promise<Position> {
    const channel = this.channels.get(delivery.channel);
    const base = {
      key: data.key,
      trustId: data.trustId,
      deliveryId: delivery.deliveryId,
      channel: delivery.channel,
      target: delivery.target,
    };
    let response: string;
    try {
      if (channel === undefined) throw new Error(`the ${delivery.channel} channel is not configured`);
      response = await channel.send(
        delivery.target,
        reminderMessage(data, this.options.publicBaseUrl),
        delivery.deliveryId,
      );
    } catch (error) {
      report.failed += 1;
      const delay = RETRY_DELAYS_MS[attempt - 1];
      const nextAttemptAt =
        attempt < MAX_ATTEMPTS && delay !== undefined
          ? new Date(this.clock.now().getTime() + delay).toISOString()
          : null;
      const failure = { ...base, attempt, error: messageOf(error), nextAttemptAt };
      return this.writer.append(data.key, 'ReminderDeliveryFailed', failure, 'any', data.authority);
    }
    // Sent: if recording that fails, the attempt stays pending and is taken over after its timeout
    // (at least once), never recorded as a failure of a send that worked.
    report.delivered += 1;
    const delivered = { ...base, attempt, response };
    return this.writer.append(data.key, 'ReminderDelivered', delivered, 'any', data.authority);
  }

  /** Deliveries whose retry has fallen due, or whose attempt went unanswered past its timeout. */
  async retryDue(report: DeliveryCounts): Promise<void> {
    const due = this.db.dueDeliveries(this.clock.now(), this.options.batchSize);
    await mapLimit(due, this.options.concurrency, async (row) => {
      const issued = await this.writer.issued(row.key);
      if (issued === undefined) return null;
      const delivery = { deliveryId: row.deliveryId, channel: row.channel, target: row.target };
      const attempt = row.attempts + 1;
      try {
        if (attempt > MAX_ATTEMPTS) {
          const gaveUp = {
            key: row.key,
            trustId: issued.trustId,
            ...delivery,
            attempt: row.attempts,
            error: 'no outcome was recorded for the last attempt',
            nextAttemptAt: null,
          };
          return await this.writer.append(
            row.key,
            'ReminderDeliveryFailed',
            gaveUp,
            row.streamRevision,
            issued.authority,
          );
        }
        const claim = { key: row.key, trustId: issued.trustId, deliveryId: row.deliveryId, attempt };
        await this.writer.append(
          row.key,
          'ReminderDeliveryAttempted',
          claim,
          row.streamRevision,
          issued.authority,
        );
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) return null;
        throw error;
      }
      return this.attempt(issued, delivery, attempt, report);
    });
  }
}

/**
 * What went wrong, with the underlying cause (fetch says only "fetch failed"; its cause says why).
 * Errors are read by shape, not `instanceof`: fetch's come from another realm under some runners.
 */
function messageOf(error: unknown): string {
  const text = (e: unknown) =>
    typeof e === 'object' && e !== null && typeof (e as Error).message === 'string'
      ? (e as Error).message
      : String(e);
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const why = cause === undefined || cause === null ? '' : text(cause);
  return why && why !== text(error) ? `${text(error)}: ${why}` : text(error);
}
