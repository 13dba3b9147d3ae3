import type { Observable } from 'rxjs';
import {
  DuplicateEventIdError,
  EventStoreError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type SubscriptionMessage,
} from '@trustworks/event-store';
import { prepareAppend } from '@trustworks/event-store/support/prepare-append';
import { eventHash, withoutHashFields } from './event-hash';

/** Appends with 'any' or 'stream_exists' race other writers for the tail; this many tries, then give up. */
const MAX_ATTEMPTS = 8;

interface Tail {
  revision: number | 'no_stream';
  hash: string | null;
}

/**
 * Decorates an event store so every append carries a tamper-evidence hash chain: each event's
 * metadata gets `previousHash` (the hash of the stream's event before it, null for the first) and
 * `hash` (see `eventHash`). The decorator reads the stream's tail, computes the hashes for the
 * revisions the events will take, and appends with that numeric revision, so nothing can slip in
 * between and break the chain. Callers that passed 'any' or 'stream_exists' are retried on a
 * conflict; a caller that passed a revision keeps its optimistic-concurrency answer. Idempotent
 * retries (the same ids at the same place) still answer the original result. Reads pass through.
 */
export class HashChainedEventStore implements EventStore {
  /** Appends to one stream from this process wait for each other, so they do not race for the tail. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly inner: EventStore) {}

  get kind(): string {
    return this.inner.kind;
  }

  /** The store being decorated (for adapter-specific operations such as an integrity check). */
  get decorated(): EventStore {
    return this.inner;
  }

  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    try {
      // Malformed input is refused exactly as the inner store would refuse it, before any read.
      prepareAppend(stream, events, options?.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    const before = this.tails.get(stream) ?? Promise.resolve();
    const result = before.then(() => this.appendChained(stream, events, options?.expectedRevision ?? 'any'));
    const settled = result.catch(() => undefined);
    this.tails.set(stream, settled);
    void settled.then(() => {
      if (this.tails.get(stream) === settled) this.tails.delete(stream);
    });
    return result;
  }

  private async appendChained(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const options = { expectedRevision: expected };
    for (let attempt = 1; ; attempt += 1) {
      const tail = await this.tail(stream);
      const place = placeFor(expected, tail.revision);
      // Behind the caller's expectation: a conflict. Ahead of it: a retry or a conflict, and as the
      // stream can only have grown, the inner store recognises the retry or refuses, never writes.
      if (place === 'behind') throw new WrongExpectedRevisionError(stream, expected, tail.revision);
      if (place === 'ahead') return this.inner.appendToStream(stream, events, options);
      try {
        return await this.inner.appendToStream(stream, chain(stream, events, tail), {
          expectedRevision: tail.revision,
        });
      } catch (error) {
        if (error instanceof DuplicateEventIdError && !isNumeric(expected)) {
          // Only an idempotent retry can succeed now: ids already stored stop any write.
          return this.inner.appendToStream(stream, events, options);
        }
        const retry = error instanceof WrongExpectedRevisionError && !isNumeric(expected);
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): Observable<SubscriptionMessage> {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async tail(stream: string): Promise<Tail> {
    try {
      return await this.readTail(stream);
    } catch (error) {
      throw error instanceof EventStoreError
        ? error
        : new StoreUnavailableError(
            'The event store cannot be read to chain this append. Nothing was written.',
            error,
          );
    }
  }

  private async readTail(stream: string): Promise<Tail> {
    for await (const last of this.inner.readStream(stream, { direction: 'backwards', maxCount: 1 })) {
      const hash = last.metadata.hash;
      return { revision: last.revision, hash: typeof hash === 'string' ? hash : null };
    }
    return { revision: 'no_stream', hash: null };
  }
}

/** Wraps a store so every append is hash-chained. */
export function hashChained(store: EventStore): EventStore {
  return store instanceof HashChainedEventStore ? store : new HashChainedEventStore(store);
}

function isNumeric(expected: ExpectedRevision): expected is number {
  return typeof expected === 'number';
}

/** Where the stream is relative to what the caller expects: at it (write), behind or ahead of it. */
function placeFor(expected: ExpectedRevision, current: number | 'no_stream'): 'at' | 'behind' | 'ahead' {
  switch (expected) {
    case 'any':
      return 'at';
    case 'stream_exists':
      return current === 'no_stream' ? 'behind' : 'at';
    case 'no_stream':
      return current === 'no_stream' ? 'at' : 'ahead';
    default:
      if (current === 'no_stream' || current < expected) return 'behind';
      return current === expected ? 'at' : 'ahead';
  }
}

function chain(stream: string, events: readonly NewEvent[], tail: Tail): NewEvent[] {
  let previousHash = tail.hash;
  let revision = tail.revision === 'no_stream' ? 0 : tail.revision + 1;
  return events.map((event) => {
    const metadata = withoutHashFields(event.metadata);
    const place = { stream, revision, id: event.id, type: event.type, data: event.data, metadata };
    const hash = eventHash(place, previousHash);
    const chained: NewEvent = { ...event, metadata: { ...event.metadata, previousHash, hash } };
    previousHash = hash;
    revision += 1;
    return chained;
  });
}
