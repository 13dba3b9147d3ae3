import { Logger } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { EventStore, Position, RecordedEvent } from '../port/event-store.port';

/** A read model that applies batches in position order and stores its checkpoint with its rows. */
export interface CheckpointedModel {
  position(): Position | null;
  apply(events: readonly RecordedEvent[], upTo: Position): Promise<void>;
}

const DEFAULT_BATCH = 1000;
const DEFAULT_WAIT_MS = 10_000;

/** A read-your-writes wait that ran out: the model is behind (or failing), not wrong. */
export class CatchUpTimeoutError extends Error {}
const RESTART_MS = 1000;

/**
 * Keeps a model current from a catch-up subscription that starts after the model's own checkpoint
 * (never from "end"). Batches are applied one at a time; a failure drops the subscription and
 * restarts it from the last committed checkpoint, so nothing is skipped or applied twice.
 */
export class CheckpointedRunner {
  private readonly logger: Logger;
  private subscription?: Subscription;
  private queue: RecordedEvent[] = [];
  private seen: Position | null = null;
  private draining: Promise<void> | null = null;
  private drainScheduled = false;
  private stopped = true;
  /** False between a failure and the restart: nothing queued then may be applied or skipped over. */
  private live = false;
  private restartTimer?: NodeJS.Timeout;
  private readonly waiters = new Set<{
    position: Position;
    resolve: () => void;
    reject: (error: Error) => void;
  }>();

  constructor(
    name: string,
    private readonly store: EventStore,
    private readonly model: CheckpointedModel,
    private readonly streamPrefixes: readonly string[],
    private readonly batchSize = DEFAULT_BATCH,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.subscription?.unsubscribe();
    clearTimeout(this.restartTimer);
    this.stopped = false;
    this.live = true;
    const from = this.model.position();
    this.queue = [];
    this.seen = from;
    this.subscription = this.store
      .subscribeToAll({ fromPosition: from ?? 'start', filter: { streamPrefixes: this.streamPrefixes } })
      .subscribe({
        next: (message) => {
          if (message.type === 'event') this.queue.push(message.event);
          const position = message.type === 'event' ? message.event.position : message.position;
          if (position !== null && (this.seen === null || position > this.seen)) this.seen = position;
          this.scheduleDrain();
        },
        error: (error: unknown) => this.fail(error),
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.subscription?.unsubscribe();
    await this.draining;
    for (const waiter of this.waiters) waiter.reject(new CatchUpTimeoutError('the runner was stopped'));
    this.waiters.clear();
  }

  /**
   * Resolves once the model has applied everything up to `position` (a read-your-writes wait);
   * rejects with CatchUpTimeoutError if that takes longer than `timeoutMs` (a model failing on every
   * restart must not hold its callers for ever).
   */
  caughtUpTo(position: Position | null, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const at = this.model.position();
    if (position === null || (at !== null && at >= position)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject,
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new CatchUpTimeoutError(`not caught up to position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.waiters.add(waiter);
    });
  }

  /**
   * A store delivers a page of events in one synchronous burst: starting after it (a microtask later)
   * applies the whole page as one batch, instead of its first event alone and then the rest.
   */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    queueMicrotask(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    if (this.draining !== null || this.stopped || !this.live) return;
    this.draining = this.applyQueued()
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.draining = null;
        this.release();
        if (this.queue.length > 0 || this.behind()) this.drain();
      });
  }

  private async applyQueued(): Promise<void> {
    while (!this.stopped && this.live && (this.queue.length > 0 || this.behind())) {
      const batch = this.queue.splice(0, this.batchSize);
      const upTo = this.queue.length === 0 ? (this.seen as Position) : batch[batch.length - 1].position;
      await this.model.apply(batch, upTo);
      this.release();
    }
  }

  private release(): void {
    const at = this.model.position();
    if (at === null) return;
    for (const waiter of this.waiters) {
      if (at >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private behind(): boolean {
    const at = this.model.position();
    return this.seen !== null && (at === null || this.seen > at);
  }

  private fail(error: unknown): void {
    // A subscription error and the batch it cut short may both report: one restart is enough.
    if (!this.live) return;
    this.logger.error(`stopped, restarting from its checkpoint: ${String(error)}`);
    // What was queued or seen is dropped, never skipped over: the restart reads it again from the
    // last committed checkpoint.
    this.live = false;
    this.queue = [];
    this.seen = this.model.position();
    this.subscription?.unsubscribe();
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => this.start(), RESTART_MS);
    this.restartTimer.unref();
  }
}
