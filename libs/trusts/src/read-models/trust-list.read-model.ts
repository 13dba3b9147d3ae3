import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EVENT_STORE, type EventStore, type Position } from '@trustworks/event-store';
import { evolve, initialState, type TrustState } from '@trustworks/trust-domain';
import { TRUST_STREAM_PREFIX, toDomainEvent, trustIdOf } from '../application/trust-stream';

/**
 * Every trust's current state, in memory, kept from a catch-up subscription to the trust streams.
 * Rebuilt from the start at boot (the events are the truth); `position` says how far it has read,
 * so a caller can wait for its own write to show.
 */
@Injectable()
export class TrustListReadModel implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TrustList');
  private readonly states = new Map<string, { state: TrustState; revision: number }>();
  private subscription?: Subscription;
  private position: Position | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onApplicationBootstrap(): void {
    this.subscription = this.store
      .subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [TRUST_STREAM_PREFIX] } })
      .subscribe({
        next: (message) => {
          if (message.type === 'event') {
            const trustId = trustIdOf(message.event.stream);
            const current = this.states.get(trustId)?.state ?? initialState();
            this.states.set(trustId, {
              state: evolve(current, toDomainEvent(message.event)),
              revision: message.event.revision,
            });
            this.advance(message.event.position);
          } else if (message.position !== null) {
            this.advance(message.position);
          }
        },
        error: (error: unknown) => this.logger.error(`trust list subscription failed: ${String(error)}`),
      });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  all(): Array<{ state: TrustState; revision: number }> {
    return [...this.states.values()];
  }

  /** Resolves true once the model has read up to `position`, false if it has not within `timeoutMs`. */
  async waitFor(position: Position, timeoutMs = 2000): Promise<boolean> {
    if (this.position !== null && this.position >= position) return true;
    return new Promise((resolve) => {
      const check = () => {
        if (this.position !== null && this.position >= position) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      this.waiters.add(check);
    });
  }

  private advance(position: Position): void {
    this.position = position;
    for (const waiter of [...this.waiters]) waiter();
  }
}
