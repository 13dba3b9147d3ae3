import {
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { Logger } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { EventFilter, Position, SubscriptionMessage } from '../../port/event-store.port';
import {
  isTransient,
  planFilter,
  recordedEvent,
  toEsdbPosition,
  toPosition,
  unavailable,
} from './esdb-mapping';

export interface SubscriptionDeps {
  client: EventStoreDBClient;
  logger: Logger;
  headPosition(): Promise<Position | null>;
  isClosed(): boolean;
  /** Reconnection back-off: first delay and cap, in ms. */
  retry: { initialMs: number; maxMs: number };
}

/** Checkpoints and caught-up signals travel in the subscription's own stream, in order with its events. */
type Marker = { marker: 'checkpoint'; commit: bigint } | { marker: 'caughtUp' };

/**
 * A catch-up subscription to $all on EventStoreDB's own catch-up subscriptions, filtered on the
 * server. It keeps a cursor (the last event or checkpoint passed on) and, when the connection drops
 * or the server restarts, subscribes again from that cursor with back-off: the server starts
 * strictly after it, and anything at or before it is dropped, so a reconnection neither misses nor
 * repeats an event. `caughtUp` is passed on once, the first time the server reports it.
 */
export function esdbSubscription(
  deps: SubscriptionDeps,
  fromPosition: Position | 'start' | 'end' | undefined,
  filter: EventFilter | undefined,
): Observable<SubscriptionMessage> {
  return new Observable<SubscriptionMessage>((subscriber) => {
    const plan = planFilter(filter);
    let cursor: Position | null = typeof fromPosition === 'number' ? fromPosition : null;
    let caughtUp = false;
    let closed = false;
    let attempt = 0;
    let current: AllStreamSubscription | undefined;
    let timer: NodeJS.Timeout | undefined;

    const handle = (item: AllStreamResolvedEvent | Marker): void => {
      if (closed) return;
      attempt = 0;
      if ('marker' in item) {
        if (item.marker === 'caughtUp') {
          if (!caughtUp) subscriber.next({ type: 'caughtUp', position: cursor });
          caughtUp = true;
          return;
        }
        const position = toPosition(item.commit);
        if (cursor !== null && position <= cursor) return;
        cursor = position;
        subscriber.next({ type: 'checkpoint', position });
        return;
      }
      if (!item.event) return;
      const event = recordedEvent(item.event, item.commitPosition);
      if (cursor !== null && event.position <= cursor) return;
      cursor = event.position;
      if (plan.keep(event.stream, event.type)) subscriber.next({ type: 'event', event });
    };

    const open = (): void => {
      if (closed) return;
      const subscription = deps.client.subscribeToAll({
        fromPosition: cursor === null ? START : toEsdbPosition(cursor),
        filter: {
          ...plan.server,
          checkpointReached: (sub: AllStreamSubscription, position: { commit: bigint }) => {
            sub.push({ marker: 'checkpoint', commit: position.commit } satisfies Marker);
          },
        },
      });
      current = subscription;
      subscription.on('caughtUp', () => subscription.push({ marker: 'caughtUp' } satisfies Marker));
      subscription.on('data', handle);
      subscription.on('error', (error: unknown) => dropped(subscription, error));
      subscription.on('end', () => dropped(subscription, new Error('the server ended the subscription')));
    };

    const dropped = (subscription: AllStreamSubscription, error: unknown): void => {
      if (subscription !== current || closed) return;
      current = undefined;
      subscription.removeAllListeners('data');
      subscription.on('error', () => undefined);
      if (deps.isClosed()) return subscriber.complete();
      if (!isTransient(error)) return subscriber.error(unavailable(error, 'keep a subscription to $all'));
      const delay = Math.min(deps.retry.maxMs, deps.retry.initialMs * 2 ** attempt);
      attempt += 1;
      deps.logger.warn(
        `Subscription to $all dropped (${(error as Error)?.message ?? error}); resubscribing after position ${cursor ?? 'start'} in ${delay} ms`,
      );
      timer = setTimeout(open, delay);
    };

    const start = async (): Promise<void> => {
      if (fromPosition === 'end') cursor = await deps.headPosition();
      open();
    };
    start().catch((error) => subscriber.error(unavailable(error, 'subscribe to $all')));

    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const subscription = current;
      current = undefined;
      if (subscription) {
        subscription.removeAllListeners('data');
        subscription.on('error', () => undefined);
        subscription.unsubscribe().catch(() => undefined);
      }
    };
  });
}
