import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Logger } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '../../port/event-store.port';
import { StoreUnavailableError } from '../../port/errors';
import { prepareAppend } from '../../support/prepare-append';
import { EsdbAppender, StreamIdCache } from './esdb-append';
import { fromReadResponse, planFilter, recordedEvent, retryTransient, unavailable } from './esdb-mapping';
import { buildReadAllRequest, type RawReadAccess } from './esdb-read-all';
import { esdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** esdb:// or esdb+discover:// connection string; TLS, credentials and cluster nodes go here. */
  connectionString: string;
  /** Events per read request when paging through a stream or $all. */
  pageSize?: number;
  /** Subscription reconnection back-off (ms). */
  retry?: { initialMs: number; maxMs: number };
}

/**
 * The event store on EventStoreDB (KurrentDB) through @eventstore/db-client. Our event is an
 * application/json event whose custom metadata is our metadata object; revisions are stream
 * revisions; positions are $all commit positions (see esdb-mapping.ts for the 2^53 limit). System
 * records ($-prefixed streams or types) never reach readAll or subscribers. Needs a server that gives
 * positions on stream reads (EventStoreDB 22.10 and later).
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';
  private readonly logger = new Logger('EsdbEventStore');
  private readonly appender: EsdbAppender;
  private readonly ids = new StreamIdCache();
  private readonly pageSize: number;
  private closed = false;

  private constructor(
    readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.appender = new EsdbAppender(
      client,
      {
        idsFrom: (stream, from, count) => this.idsFrom(stream, from, count),
        positionAt: (stream, revision) => this.positionAt(stream, revision),
        currentRevision: (stream) => this.currentRevision(stream),
      },
      this.ids,
    );
  }

  /** Connects lazily: a bad address shows on the first call, a malformed string at once. */
  static connect(options: EsdbEventStoreOptions): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    try {
      const append = prepareAppend(stream, events, options?.expectedRevision);
      if (this.closed)
        return Promise.reject(new StoreUnavailableError('The EventStoreDB event store is closed.'));
      return this.appender.append(append, events);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from: bigint | typeof START | typeof END =
      options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    while (remaining > 0) {
      const want = Math.min(this.pageSize, remaining);
      const page = await this.streamPage(stream, from, backwards, want);
      if (!backwards && page.length > 0)
        this.ids.extend(
          stream,
          page[0].revision,
          page.map((e) => e.id),
        );
      yield* page;
      const last = page.at(-1);
      if (page.length < want || !last || (backwards && last.revision === 0)) return;
      remaining -= page.length;
      from = BigInt(last.revision + (backwards ? -1 : 1));
    }
  }

  /**
   * Pages through $all with the server-side filter. Forwards, a page starts at the last position
   * seen (inclusive on the server) and skips it; backwards, the server excludes the start itself,
   * so an inclusive `fromPosition` is first looked up forwards.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const plan = planFilter(options.filter);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from: Position | 'start' | 'end' = options.fromPosition ?? (backwards ? 'end' : 'start');
    let skipThrough: Position | undefined;
    if (backwards && typeof from === 'number') {
      const [at] = await this.allPage(from, false, plan.server, 1);
      if (at && at.position === from && plan.keep(at.stream, at.type) && remaining > 0) {
        remaining -= 1;
        yield at;
      }
    }
    while (remaining > 0) {
      const page = await this.allPage(from, backwards, plan.server, this.pageSize);
      for (const event of page) {
        if (skipThrough !== undefined && event.position <= skipThrough) continue;
        if (!plan.keep(event.stream, event.type)) continue;
        yield event;
        if (--remaining === 0) return;
      }
      const last = page.at(-1);
      if (page.length < this.pageSize || !last) return;
      from = last.position;
      if (!backwards) skipThrough = last.position;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<SubscriptionMessage> {
    return esdbSubscription(
      {
        client: this.client,
        logger: this.logger,
        headPosition: () => this.headPosition(),
        isClosed: () => this.closed,
        retry: this.options.retry ?? { initialMs: 100, maxMs: 5_000 },
      },
      options.fromPosition,
      options.filter,
    );
  }

  async headPosition(): Promise<Position | null> {
    for await (const event of this.readAll({ direction: 'backwards', maxCount: 1 })) return event.position;
    return null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  private async streamPage(
    stream: string,
    from: bigint | typeof START | typeof END,
    backwards: boolean,
    maxCount: number,
  ): Promise<RecordedEvent[]> {
    if (this.closed) throw new StoreUnavailableError('The EventStoreDB event store is closed.');
    const direction = backwards ? BACKWARDS : FORWARDS;
    try {
      return await retryTransient(async () => {
        const page: RecordedEvent[] = [];
        const read = this.client.readStream(stream, { fromRevision: from, direction, maxCount });
        for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
          if (resolved.event) page.push(recordedEvent(resolved.event as never, resolved.commitPosition));
        }
        return page;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw unavailable(error, `read stream "${stream}"`);
    }
  }

  private async allPage(
    from: Position | 'start' | 'end',
    backwards: boolean,
    filter: ReturnType<typeof planFilter>['server'],
    maxCount: number,
  ): Promise<RecordedEvent[]> {
    if (this.closed) throw new StoreUnavailableError('The EventStoreDB event store is closed.');
    const access = this.client as unknown as RawReadAccess;
    const request = buildReadAllRequest(from, backwards, filter, maxCount);
    try {
      return await retryTransient(async () => {
        const page: RecordedEvent[] = [];
        const call = await access.GRPCStreamCreator(StreamsClient, 'readAll', (grpc) =>
          grpc.read(request, ...access.callArguments({}, { deadline: Infinity })),
        )();
        for await (const response of call as AsyncIterable<ReadResp>) {
          const event = fromReadResponse(response);
          if (event) page.push(event);
        }
        return page;
      });
    } catch (error) {
      throw unavailable(error, 'read $all');
    }
  }

  private async idsFrom(stream: string, from: number, count?: number): Promise<string[]> {
    const ids: string[] = [];
    for await (const event of this.readStream(stream, { fromRevision: from, maxCount: count }))
      ids.push(event.id);
    return ids;
  }

  private async positionAt(stream: string, revision: number): Promise<Position> {
    const [event] = await this.streamPage(stream, BigInt(revision), false, 1);
    if (!event) throw new StoreUnavailableError(`EventStoreDB has no revision ${revision} in "${stream}".`);
    return event.position;
  }

  private async currentRevision(stream: string): Promise<number | 'no_stream'> {
    const [last] = await this.streamPage(stream, END, true, 1);
    return last ? last.revision : 'no_stream';
  }
}
