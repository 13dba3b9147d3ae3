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
import { checkAppend } from '@trustworks/event-store/support/prepare-append';
import {
  appendResultOf,
  reportsWrites,
  type AppendOutcome,
  type ReportsWrites,
} from '@trustworks/event-store/support/reports-writes';
import { InTurn } from '@trustworks/platform';
import { eventHash, withoutHashFields } from './event-hash';

/** Appends with 'any' or 'stream_exists' race other writers for the tail; this many tries, then give up. */
const MAX_ATTEMPTS = 8;

/** How many streams' tails are remembered (least recently appended to are forgotten first). */
const TAIL_CACHE_LIMIT = 10_000;

interface Tail {
  revision: number | 'no_stream';
  hash: string | null;
}

const NO_STREAM: Tail = { revision: 'no_stream', hash: null };

/**
 * Decorates an event store so every append carries a tamper-evidence hash chain: each event's
 * metadata gets `previousHash` (the hash of the stream's event before it, null for the first) and
 * `hash` (see `eventHash`). The decorator finds the stream's tail, computes the hashes for the
 * revisions the events will take, and appends with that numeric revision, so nothing can slip in
 * between and break the chain. Callers that passed 'any' or 'stream_exists' are retried on a
 * conflict; a caller that passed a revision keeps its optimistic-concurrency answer. Idempotent
 * retries (the same ids at the same place) still answer the original result. Reads pass through.
 *
 * The tail is read from the store, or taken from a cache of tails this decorator has read or written.
 * A cached tail is a fact that stays true (events at a revision never change), but the stream may
 * since have grown through another connection or process. That is safe: the append names the cached
 * revision, so the store refuses it unless the tail is still exactly the cached one, and on any
 * refusal or surprise the cache entry is dropped and the tail read again. A write is remembered only
 * when the store says it wrote these events (an idempotent retry may carry other hashes).
 */
export class HashChainedEventStore implements EventStore, ReportsWrites {
  /** Appends to one stream from this process wait for each other, so they do not race for the tail. */
  private readonly turns = new InTurn();
  private readonly known = new Map<string, Tail>();

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
    return appendResultOf(this.appendReportingWrite(stream, events, options));
  }

  /** `written` is false when the append answered an earlier write, and when the inner store cannot tell. */
  appendReportingWrite(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendOutcome> {
    try {
      // Malformed input is refused exactly as the inner store would refuse it, before any read.
      checkAppend(stream, events, options?.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    const expected = options?.expectedRevision ?? 'any';
    return this.turns.run(stream, () => this.appendChained(stream, events, expected));
  }

  private async appendChained(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome> {
    const options = { expectedRevision: expected };
    let mustRead = false;
    for (let attempt = 1; ; attempt += 1) {
      let { tail, cached } = await this.tailFor(stream, expected, mustRead);
      let place = placeFor(expected, tail.revision);
      if (cached && place !== 'at') {
        // A remembered (or assumed) tail only ever lags the store: decide on a fresh read, not on it.
        ({ tail, cached } = await this.tailFor(stream, expected, true));
        place = placeFor(expected, tail.revision);
      }
      // Behind the caller's expectation: a conflict. Ahead of it: a retry or a conflict, and as the
      // stream can only have grown, the inner store recognises the retry or refuses, never writes.
      if (place === 'behind') throw new WrongExpectedRevisionError(stream, expected, tail.revision);
      if (place === 'ahead') return notWritten(this.inner.appendToStream(stream, events, options));
      const chained = chain(stream, events, tail);
      try {
        return await this.appendAt(stream, chained, tail.revision);
      } catch (error) {
        this.known.delete(stream);
        mustRead = true;
        if (error instanceof DuplicateEventIdError && !isNumeric(expected)) {
          // Only an idempotent retry can succeed now: ids already stored stop any write.
          return notWritten(this.inner.appendToStream(stream, events, options));
        }
        const retry = error instanceof WrongExpectedRevisionError && !isNumeric(expected);
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The tail to chain to: remembered, or read. A first append expecting 'no_stream' needs no read:
   * if the stream exists after all, the store refuses the append (or answers it as a retry).
   */
  private async tailFor(
    stream: string,
    expected: ExpectedRevision,
    mustRead: boolean,
  ): Promise<{ tail: Tail; cached: boolean }> {
    if (!mustRead) {
      const known = this.known.get(stream);
      if (known) return { tail: known, cached: true };
      if (expected === 'no_stream') return { tail: NO_STREAM, cached: true };
    }
    const tail = await this.tail(stream);
    this.remember(stream, tail);
    return { tail, cached: false };
  }

  /** Appends the chained events at `revision`, and remembers the new tail if they were written now. */
  private async appendAt(
    stream: string,
    chained: NewEvent[],
    revision: Tail['revision'],
  ): Promise<AppendOutcome> {
    const options = { expectedRevision: revision };
    if (!reportsWrites(this.inner)) {
      // A store that cannot say whether it wrote: its tail is read again next time.
      this.known.delete(stream);
      return notWritten(this.inner.appendToStream(stream, chained, options));
    }
    const outcome = await this.inner.appendReportingWrite(stream, chained, options);
    if (outcome.written) this.remember(stream, { revision: outcome.nextRevision, hash: lastHash(chained) });
    else this.known.delete(stream);
    return outcome;
  }

  private remember(stream: string, tail: Tail): void {
    if (tail.revision === 'no_stream') return;
    this.known.delete(stream);
    this.known.set(stream, tail);
    if (this.known.size > TAIL_CACHE_LIMIT) this.known.delete(this.known.keys().next().value as string);
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

async function notWritten(result: Promise<AppendResult>): Promise<AppendOutcome> {
  const { nextRevision, position } = await result;
  return { nextRevision, position, written: false };
}

function lastHash(chained: NewEvent[]): string {
  return chained[chained.length - 1].metadata.hash as string;
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
