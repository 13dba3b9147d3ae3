import { Subject } from 'rxjs';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../../port/event-store.port';
import { StoreUnavailableError } from '../../port/errors';
import { decideAppend, prepareAppend, type StreamLookup } from '../../support/prepare-append';
import { matchesFilter } from '../../support/filter';
import { catchUpSubscription, type ScanPage } from '../../support/catch-up-subscription';
import { appendResultOf, type AppendOutcome, type ReportsWrites } from '../../support/reports-writes';

interface StoredRow {
  stream: string;
  revision: number;
  position: Position;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * In-process store for fast unit tests and throwaway demos. Same rules as the durable adapters
 * (it shares their append rules); nothing survives the process. Payloads are kept serialised, so a
 * caller mutating an object after appending cannot alter history.
 */
export class MemoryEventStore implements EventStore, ReportsWrites {
  readonly kind = 'memory';
  private readonly rows: StoredRow[] = [];
  private readonly streams = new Map<string, { rows: StoredRow[]; ids: Map<string, number> }>();
  private readonly changes = new Subject<void>();
  private closed = false;

  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return appendResultOf(this.appendReportingWrite(stream, events, options));
  }

  /** `written` is false when the append answered an earlier write of the same ids. */
  async appendReportingWrite(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendOutcome> {
    const append = prepareAppend(stream, events, options?.expectedRevision);
    if (this.closed) throw new StoreUnavailableError('The memory event store is closed.');
    const entry = this.streams.get(stream) ?? { rows: [], ids: new Map<string, number>() };
    const decision = decideAppend(append, lookupOf(entry));
    if (decision.kind === 'already-written') {
      const row = entry.rows[decision.lastRevision];
      return { nextRevision: row.revision, position: row.position, written: false };
    }
    let revision = decision.firstRevision;
    for (const event of append.events) {
      const row: StoredRow = { stream, revision, position: this.rows.length, ...event };
      this.rows.push(row);
      entry.rows.push(row);
      entry.ids.set(event.id, revision);
      revision += 1;
    }
    this.streams.set(stream, entry);
    this.changes.next();
    return { nextRevision: revision - 1, position: this.rows.length - 1, written: true };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const rows = this.streams.get(stream)?.rows ?? [];
    const backwards = options.direction === 'backwards';
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    let revision = options.fromRevision ?? (backwards ? rows.length - 1 : 0);
    for (let n = 0; n < max && revision >= 0 && revision < rows.length; n += 1) {
      yield toRecorded(rows[revision]);
      revision += backwards ? -1 : 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    let position = options.fromPosition ?? (backwards ? this.rows.length - 1 : 0);
    position = Math.min(Math.max(position, -1), this.rows.length);
    for (let n = 0; n < max && position >= 0 && position < this.rows.length; position += backwards ? -1 : 1) {
      const row = this.rows[position];
      if (!matchesFilter(options.filter, row.stream, row.type)) continue;
      n += 1;
      yield toRecorded(row);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}) {
    return catchUpSubscription(
      {
        scanAfter: (after, filter, limit) => this.scanAfter(after, filter, limit),
        headPosition: () => this.headPosition(),
        changes: this.changes,
      },
      options.fromPosition,
      options.filter,
    );
  }

  async headPosition(): Promise<Position | null> {
    return this.rows.length === 0 ? null : this.rows.length - 1;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changes.complete();
  }

  private scanAfter(after: Position | null, filter: EventFilter | undefined, limit: number): ScanPage {
    const events: RecordedEvent[] = [];
    let position = after === null ? 0 : after + 1;
    for (; position < this.rows.length && events.length < limit; position += 1) {
      const row = this.rows[position];
      if (matchesFilter(filter, row.stream, row.type)) events.push(toRecorded(row));
    }
    const reachedHead =
      position >= this.rows.length ? (this.rows.length === 0 ? null : this.rows.length - 1) : undefined;
    return { events, reachedHead };
  }
}

function lookupOf(entry: { rows: StoredRow[]; ids: Map<string, number> }): StreamLookup {
  return {
    currentRevision: () => (entry.rows.length === 0 ? 'no_stream' : entry.rows.length - 1),
    revisionOfEventId: (id) => entry.ids.get(id),
    eventIdAt: (revision) => entry.rows[revision]?.id,
  };
}

function toRecorded(row: StoredRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
