import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { EventStore, Position, RecordedEvent } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import type { Projector } from './projector';

const BATCH = 2000;
const RESTART_MS = 1000;

/**
 * Keeps the read models current from a catch-up subscription that starts after the stored
 * checkpoint (never from "end"). Messages are queued and applied in batches, one batch at a time.
 * If applying fails, the subscription is dropped and restarted from the last committed checkpoint.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projections');
  private subscription?: Subscription;
  private queue: RecordedEvent[] = [];
  private seen: Position | null = null;
  private draining: Promise<void> | null = null;
  private drainScheduled = false;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.subscription?.unsubscribe();
    await this.draining;
  }

  private start(): void {
    const from = this.projector.position();
    this.queue = [];
    this.seen = from;
    this.subscription = this.store
      .subscribeToAll({ fromPosition: from ?? 'start', filter: { streamPrefixes: [TRUST_STREAM_PREFIX] } })
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
    if (this.draining !== null || this.stopped) return;
    this.draining = this.applyQueued()
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.draining = null;
        if (this.queue.length > 0 || this.behind()) this.drain();
      });
  }

  private async applyQueued(): Promise<void> {
    while (!this.stopped && (this.queue.length > 0 || this.behind())) {
      const batch = this.queue.splice(0, BATCH);
      // With the queue emptied, the checkpoint may move on past events the filter left out.
      const upTo = this.queue.length === 0 ? (this.seen as Position) : batch[batch.length - 1].position;
      await this.projector.apply(batch, upTo);
    }
  }

  private behind(): boolean {
    const at = this.projector.position();
    return this.seen !== null && (at === null || this.seen > at);
  }

  private fail(error: unknown): void {
    this.logger.error(`projection stopped, restarting from its checkpoint: ${String(error)}`);
    this.subscription?.unsubscribe();
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => this.start(), RESTART_MS);
    this.restartTimer.unref();
  }
}
