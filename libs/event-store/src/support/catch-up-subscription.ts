import { Observable } from 'rxjs';
import type { EventFilter, Position, RecordedEvent, SubscriptionMessage } from '../port/event-store.port';

/** One page of a forward scan after a checkpoint. */
export interface ScanPage {
  /** Matching events, in position order. */
  events: RecordedEvent[];
  /**
   * When the page reached the head of the store: the head position at that moment, so the cursor may
   * move past events the filter excluded. Undefined when more may follow.
   */
  reachedHead?: Position | null;
}

export interface CatchUpSource {
  /** Reads matching events with position > after (null: from the start), at most `limit`. */
  scanAfter(
    after: Position | null,
    filter: EventFilter | undefined,
    limit: number,
  ): Promise<ScanPage> | ScanPage;
  headPosition(): Promise<Position | null>;
  /** Emits (at least once) after any commit that may have added events. */
  readonly changes: Observable<void>;
}

const PAGE_SIZE = 1000;

/**
 * Catch-up then live, for stores that can scan by position. The cursor only ever moves forward over
 * what has been delivered, and every wake-up re-scans from the cursor, so the switch from catch-up to
 * live can neither skip nor repeat an event. Change notices that arrive during a scan are folded into
 * one more scan.
 */
export function catchUpSubscription(
  source: CatchUpSource,
  fromPosition: Position | 'start' | 'end' | undefined,
  filter: EventFilter | undefined,
): Observable<SubscriptionMessage> {
  return new Observable<SubscriptionMessage>((subscriber) => {
    let cursor: Position | null = null;
    let ready = false;
    let running = false;
    let again = false;
    let closed = false;
    let caughtUp = false;

    const drain = async (): Promise<void> => {
      if (!ready || closed) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await scanToHead();
        } while (again && !closed);
      } catch (error) {
        if (!closed) subscriber.error(error);
      } finally {
        running = false;
      }
    };

    const scanToHead = async (): Promise<void> => {
      for (;;) {
        const page = await source.scanAfter(cursor, filter, PAGE_SIZE);
        for (const event of page.events) {
          if (closed) return;
          subscriber.next({ type: 'event', event });
          cursor = event.position;
        }
        if (closed) return;
        if (page.reachedHead !== undefined) {
          const head = page.reachedHead;
          if (head !== null && (cursor === null || head > cursor)) {
            cursor = head;
            subscriber.next({ type: 'checkpoint', position: head });
          }
          if (!caughtUp) {
            caughtUp = true;
            subscriber.next({ type: 'caughtUp', position: cursor });
          }
          return;
        }
      }
    };

    // Listen before the first scan, so a commit between the scan and the subscription is not lost.
    const changes = source.changes.subscribe(() => void drain());
    const start = async (): Promise<void> => {
      if (fromPosition === 'end') cursor = await source.headPosition();
      else if (typeof fromPosition === 'number') cursor = fromPosition;
      ready = true;
      await drain();
    };
    start().catch((error) => subscriber.error(error));

    return () => {
      closed = true;
      changes.unsubscribe();
    };
  });
}
