import type Database from 'better-sqlite3';
import { Observable, Subject } from 'rxjs';
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
  SubscriptionMessage,
} from '../../port/event-store.port';
import { EventStoreError, StoreUnavailableError } from '../../port/errors';
import { prepareAppend, type PreparedAppend } from '../../support/prepare-append';
import { catchUpSubscription, type ScanPage } from '../../support/catch-up-subscription';
import { appendResultOf, type AppendOutcome, type ReportsWrites } from '../../support/reports-writes';
import { migrate } from './sqlite-schema';
import { SqliteStatements, type Row } from './sqlite-statements';
import { WalCheckpointer } from './wal-checkpointer';
import { openWalFile } from './wal-file';

export interface SqliteEventStoreOptions {
  /** The database file; created with its folder if missing. */
  path: string;
  /** FULL (the default) makes every commit durable; NORMAL may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often live subscriptions look for commits made by other processes on the same file. */
  pollIntervalMs?: number;
  /**
   * Copy the WAL into the database file on a worker thread instead of inside a commit (see
   * `WalCheckpointer`): the server turns this on so no request waits on a checkpoint.
   */
  checkpointInBackground?: boolean;
  /** Told of a background checkpoint that failed (the store carries on). */
  onProblem?: (message: string) => void;
  /** See `WalCheckpointerOptions.truncateAfterFrames`. */
  truncateWalAfterFrames?: number;
}

interface PendingAppend {
  append: PreparedAppend;
  resolve: (result: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

const READ_PAGE = 1000;
/** Streams whose last revision is kept (cleared whole when full: a cache, the file is the truth). */
const HEADS_LIMIT = 20_000;

/**
 * The last revision of streams this connection has written, or read to their end, while no other
 * connection has committed to the file. A reader that asks for a stream past its last revision
 * (a trust reloaded after its cached revision, nearly always with nothing new) is answered without
 * a query. SQLite's `data_version` changes when another connection (a CLI, another process)
 * commits: then everything known is let go, as any stream may have grown.
 */
class StreamHeads {
  private readonly heads = new Map<string, number>();
  private version: number;

  constructor(private readonly dataVersion: () => number) {
    this.version = dataVersion();
  }

  /** The stream's last revision, if known; checks for other writers first. */
  lastRevision(stream: string): number | undefined {
    const version = this.dataVersion();
    if (version !== this.version) {
      this.version = version;
      this.heads.clear();
    }
    return this.heads.get(stream);
  }

  /** Read from the file (or written) just now: the stream's last revision is `revision`. */
  learn(stream: string, revision: number): void {
    if (this.heads.size >= HEADS_LIMIT && !this.heads.has(stream)) this.heads.clear();
    this.heads.set(stream, revision);
  }
}

/**
 * The embedded event store: one SQLite file in WAL mode, written by this process.
 *
 * Group commit: appends that arrive in the same turn of the event loop are written in one durable
 * transaction; each append's rules are decided before it writes, so a conflict fails only its own
 * append; every caller is answered after the COMMIT (and its fsync) returns. One fsync then serves
 * many callers. Appends made while those callers are answered (the next command on a stream, after
 * the one before it) get a second commit in the same turn.
 */
export class SqliteEventStore implements EventStore, ReportsWrites {
  readonly kind = 'sqlite';
  private readonly sql: SqliteStatements;
  private readonly changes = new Subject<void>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private poller: NodeJS.Timeout | undefined;
  private subscribers = 0;
  private lastDataVersion = 0;
  private readonly heads: StreamHeads;
  /** The background checkpoint thread, when asked for. */
  readonly checkpointer: WalCheckpointer | undefined;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly pollIntervalMs: number,
    options: SqliteEventStoreOptions,
  ) {
    this.sql = new SqliteStatements(db);
    this.heads = new StreamHeads(() => this.sql.dataVersion());
    if (options.checkpointInBackground && path !== ':memory:') {
      this.checkpointer = WalCheckpointer.start(db, path, {
        onProblem: options.onProblem,
        truncateAfterFrames: options.truncateWalAfterFrames,
      });
    }
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openWalFile(options.path, options.synchronous ?? 'FULL', (file) =>
      migrate(file, () => new Date().toISOString()),
    );
    try {
      return new SqliteEventStore(db, options.path, options.pollIntervalMs ?? 500, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return appendResultOf(this.appendReportingWrite(stream, events, options));
  }

  appendReportingWrite(
    stream: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendOutcome> {
    let append: PreparedAppend;
    try {
      append = prepareAppend(stream, events, options?.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.closed) return Promise.reject(new StoreUnavailableError('The event store is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
        // A second pass in the same check phase, after the microtasks the first pass's answers set
        // going. An append made in them (typically the next command on the same stream, which waited
        // for the one before it) joins the queue this pass commits, instead of waiting an event-loop
        // turn, when every socket ready by then has been served first. Until this pass begins, the
        // two passes already scheduled cover any append: only then may the next append schedule more.
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    for (const rows of this.streamPages(stream, options)) for (const row of rows) yield toRecorded(row);
  }

  /**
   * `readStream` without an await for each event (this store reads synchronously), for a caller that
   * reads a great many: a rebuild reading every trust stream. Pages are read as it is iterated.
   */
  *readStreamSync(
    stream: string,
    options: ReadStreamOptions = {},
  ): Generator<RecordedEvent, void, undefined> {
    for (const rows of this.streamPages(stream, options)) for (const row of rows) yield toRecorded(row);
  }

  /** The stream's rows a page at a time, each page read when the previous one has been used. */
  private *streamPages(stream: string, options: ReadStreamOptions): Generator<Row[], void, undefined> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    if (!backwards) {
      const last = this.heads.lastRevision(stream);
      if (last !== undefined && from > last) return;
    }
    while (remaining > 0) {
      const limit = Math.min(READ_PAGE, remaining);
      const rows = this.sql.streamPage(stream, from, backwards, limit);
      // A short forward page that found events ends at the stream's last revision.
      if (!backwards && rows.length > 0 && rows.length < limit)
        this.heads.learn(stream, rows[rows.length - 1][2]);
      yield rows;
      if (rows.length < READ_PAGE) return;
      remaining -= rows.length;
      from = rows[rows.length - 1][2] + (backwards ? -1 : 1);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromPosition ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    while (remaining > 0) {
      const rows = this.sql.allPage(options.filter, from, backwards, Math.min(READ_PAGE, remaining));
      for (const row of rows) yield toRecorded(row);
      if (rows.length < Math.min(READ_PAGE, remaining)) return;
      remaining -= rows.length;
      from = rows[rows.length - 1][0] + (backwards ? -1 : 1);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<SubscriptionMessage> {
    const inner = catchUpSubscription(
      {
        scanAfter: (after, filter, limit) => this.scanAfter(after, filter, limit),
        headPosition: () => this.headPosition(),
        changes: this.changes,
      },
      options.fromPosition,
      options.filter,
    );
    return this.watchOtherWriters(inner);
  }

  async headPosition(): Promise<Position | null> {
    return this.sql.head();
  }

  /**
   * The names of the streams starting with `prefix` that have an event at or before `upTo`, in name
   * order: for a rebuild that reads stream by stream up to a fixed head (see `rebuildByTrust`).
   */
  streamNames(prefix: string, upTo: Position): string[] {
    return this.sql.streamNames(prefix, upTo);
  }

  /** The durability settings in force on the store's own connection (per connection, not in the file). */
  settings(): { journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' } {
    const level = this.db.pragma('synchronous', { simple: true }) as number;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[level],
    };
  }

  /** `PRAGMA integrity_check`: 'ok', or SQLite's description of the damage. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('\n');
  }

  /** Finishes the appends already accepted, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.queue.length > 0) this.flush();
    if (this.poller) clearInterval(this.poller);
    this.changes.complete();
    await this.checkpointer?.stop();
    this.db.close();
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Array<{ ok: true; value: AppendOutcome } | { ok: false; error: unknown }>;
    try {
      outcomes = this.sql.commitBatch(batch.map((p) => p.append));
    } catch (error) {
      const failure = toStoreError(error);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const pending = batch[i];
      if (!outcome.ok) return pending.reject(outcome.error);
      if (outcome.value.written) this.heads.learn(pending.append.stream, outcome.value.nextRevision);
      pending.resolve(outcome.value);
    });
    if (outcomes.some((o) => o.ok)) {
      this.checkpointer?.committed();
      this.changes.next();
    }
  }

  private scanAfter(after: Position | null, filter: EventFilter | undefined, limit: number): ScanPage {
    const { rows, head } = this.sql.scanAfter(filter, after ?? -1, limit);
    return { events: rows.map(toRecorded), reachedHead: rows.length < limit ? head : undefined };
  }

  /** While anyone subscribes, notice commits made through other connections (a CLI, another process). */
  private watchOtherWriters(source: Observable<SubscriptionMessage>): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      this.subscribers += 1;
      if (!this.poller && !this.closed) {
        this.lastDataVersion = this.sql.dataVersion();
        this.poller = setInterval(() => this.pollDataVersion(), this.pollIntervalMs);
        this.poller.unref();
      }
      const inner = source.subscribe(subscriber);
      return () => {
        inner.unsubscribe();
        this.subscribers -= 1;
        if (this.subscribers === 0 && this.poller) {
          clearInterval(this.poller);
          this.poller = undefined;
        }
      };
    });
  }

  private pollDataVersion(): void {
    if (this.closed) return;
    const version = this.sql.dataVersion();
    if (version !== this.lastDataVersion) {
      this.lastDataVersion = version;
      this.changes.next();
    }
  }
}

function toRecorded(row: Row): RecordedEvent {
  return {
    position: row[0],
    stream: row[1],
    revision: row[2],
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]),
  };
}

/** Rule errors pass through; anything SQLite throws at the batch level means the store cannot write now. */
function toStoreError(error: unknown): unknown {
  if (error instanceof EventStoreError) return error;
  const code = (error as { code?: string }).code ?? 'UNKNOWN';
  return new StoreUnavailableError(
    `The event store cannot write at the moment (${code}). Nothing was written.`,
    error,
  );
}
