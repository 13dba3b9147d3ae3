import {
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventStoreDBClient,
  type JSONEventData,
} from '@eventstore/db-client';
import type { AppendResult, ExpectedRevision, NewEvent } from '../../port/event-store.port';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../port/errors';
import type { PreparedAppend } from '../../support/prepare-append';
import { retryTransient, toPosition, unavailable } from './esdb-mapping';

/** What the appender needs from the store: small reads of one stream. */
export interface StreamProbe {
  /** Event ids of the stream from `fromRevision`, at most `count` of them (all when undefined). */
  idsFrom(stream: string, fromRevision: number, count?: number): Promise<string[]>;
  /** The position of the event at a revision. */
  positionAt(stream: string, revision: number): Promise<number>;
  /** The revision of the stream's last event, or 'no_stream'. */
  currentRevision(stream: string): Promise<number | 'no_stream'>;
}

/**
 * The event ids of a stream's first revisions. History is immutable, so a cached prefix never goes
 * stale: it can only be shorter than the stream, and is extended by reading from its end. Bounded
 * by stream count, least recently used first out.
 */
export class StreamIdCache {
  private readonly streams = new Map<string, { ids: string[]; at: Map<string, number> }>();
  constructor(private readonly maxStreams = 10_000) {}

  get(stream: string) {
    const entry = this.streams.get(stream) ?? { ids: [], at: new Map<string, number>() };
    this.streams.delete(stream);
    this.streams.set(stream, entry);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value as string);
    return entry;
  }

  /** Records ids known to sit at `fromRevision` onwards; ignores them if they would leave a gap. */
  extend(stream: string, fromRevision: number, ids: readonly string[]): void {
    const entry = this.get(stream);
    if (fromRevision > entry.ids.length) return;
    for (let i = entry.ids.length - fromRevision; i < ids.length; i++) {
      entry.at.set(ids[i], entry.ids.length);
      entry.ids.push(ids[i]);
    }
  }
}

/**
 * The port's append rules on EventStoreDB. The server already gives optimistic concurrency and, for
 * 'no_stream' and numeric expectations, strong idempotency (the same ids right after the expected
 * revision answer the original result). Two port rules it does not give are checked here before the
 * write, from the id cache: an id already elsewhere in the stream is a DuplicateEventIdError (the
 * server would store it twice), and an 'any'/'stream_exists' retry is recognised wherever it sits
 * (the server only remembers recent ids). Two writers racing the same id past this check can still
 * both write it; the command path always appends with a numeric revision, where the server decides.
 */
export class EsdbAppender {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly probe: StreamProbe,
    private readonly ids: StreamIdCache,
  ) {}

  async append(append: PreparedAppend, originals: readonly NewEvent[]): Promise<AppendResult> {
    const { stream, expectedRevision } = append;
    if (typeof expectedRevision === 'number') await this.refuseEarlierDuplicates(append, expectedRevision);
    else if (expectedRevision !== 'no_stream') {
      const retried = await this.answerRetryAnywhere(append);
      if (retried) return retried;
    }
    const events: JSONEventData[] = append.events.map((event, i) => ({
      id: event.id,
      contentType: 'application/json',
      type: event.type,
      data: originals[i].data as JSONEventData['data'],
      metadata: originals[i].metadata,
    }));
    let result;
    try {
      result = await retryTransient(() =>
        this.client.appendToStream(stream, events, { expectedRevision: toEsdbExpected(expectedRevision) }),
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === 'no_stream' ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(stream, expectedRevision, actual);
      }
      throw unavailable(error, `append to "${stream}"`);
    }
    const nextRevision = Number(result.nextExpectedRevision);
    this.ids.extend(
      stream,
      nextRevision - events.length + 1,
      append.events.map((e) => e.id),
    );
    // Older servers answer an idempotent retry without a position; the event itself has it.
    const position = result.position
      ? toPosition(result.position.commit)
      : await this.probe.positionAt(stream, nextRevision);
    return { nextRevision, position };
  }

  /** With a numeric revision E, ids at revisions <= E cannot be a retry (that would sit after E). */
  private async refuseEarlierDuplicates(append: PreparedAppend, expected: number): Promise<void> {
    const known = await this.knownThrough(append.stream, expected);
    const duplicate = append.events.find((e) => (known.at.get(e.id) ?? Infinity) <= expected);
    if (!duplicate) return;
    const current = await this.probe.currentRevision(append.stream);
    if (current !== expected) throw new WrongExpectedRevisionError(append.stream, expected, current);
    throw new DuplicateEventIdError(append.stream, duplicate.id);
  }

  private async answerRetryAnywhere(append: PreparedAppend): Promise<AppendResult | undefined> {
    const { stream, events } = append;
    const known = await this.knownThrough(stream, undefined);
    const first = known.at.get(events[0].id);
    if (first !== undefined && events.every((e, i) => known.ids[first + i] === e.id)) {
      const nextRevision = first + events.length - 1;
      return { nextRevision, position: await this.probe.positionAt(stream, nextRevision) };
    }
    const duplicate = events.find((e) => known.at.has(e.id));
    if (duplicate) throw new DuplicateEventIdError(stream, duplicate.id);
    return undefined;
  }

  /** The cached ids of the stream, first extended to revision `through` (or to the stream's end). */
  private async knownThrough(stream: string, through: number | undefined) {
    const known = this.ids.get(stream);
    if (through !== undefined && known.ids.length > through) return known;
    const from = known.ids.length;
    const count = through === undefined ? undefined : through - from + 1;
    this.ids.extend(stream, from, await this.probe.idsFrom(stream, from, count));
    return known;
  }
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}
