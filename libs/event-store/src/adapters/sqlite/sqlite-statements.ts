import type Database from 'better-sqlite3';
import type { EventFilter, Position } from '../../port/event-store.port';
import { decideAppend, type PreparedAppend, type StreamLookup } from '../../support/prepare-append';
import type { AppendOutcome } from '../../support/reports-writes';

/** A raw events row: position, stream, revision, id, type, data, metadata. */
export type Row = [number, string, number, string, string, string, string];

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

type Outcome = { ok: true; value: AppendOutcome } | { ok: false; error: unknown };

/** Every SQL statement the store runs, prepared once. Synchronous: better-sqlite3 is. */
export class SqliteStatements {
  private readonly insert: Database.Statement;
  private readonly currentRevision: Database.Statement;
  private readonly revisionOfId: Database.Statement;
  private readonly idAt: Database.Statement;
  private readonly positionAt: Database.Statement;
  private readonly headStmt: Database.Statement;
  private readonly firstStreamFrom: Database.Statement;
  private readonly firstStreamAfter: Database.Statement;
  private readonly dataVersionStmt: Database.Statement;
  private readonly streamForward: Database.Statement;
  private readonly streamBackward: Database.Statement;
  private readonly filtered = new Map<string, Database.Statement>();
  private readonly batchTx: Database.Transaction<(appends: PreparedAppend[]) => Outcome[]>;
  private readonly aloneTx: Database.Transaction<(append: PreparedAppend) => AppendOutcome>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.currentRevision = db
      .prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck();
    this.revisionOfId = db
      .prepare('SELECT revision FROM events WHERE stream_id = ? AND event_id = ?')
      .pluck();
    this.idAt = db.prepare('SELECT event_id FROM events WHERE stream_id = ? AND revision = ?').pluck();
    this.positionAt = db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?').pluck();
    this.headStmt = db.prepare('SELECT MAX(position) FROM events').pluck();
    // Each stream's first event (revision 0, its earliest position), from the (stream_id, revision)
    // index alone: one seek a stream instead of a scan of every event.
    const first = (after: string) =>
      db.prepare(
        `SELECT stream_id, position FROM events WHERE stream_id ${after} ? ORDER BY stream_id, revision LIMIT 1`,
      );
    this.firstStreamFrom = first('>=').raw();
    this.firstStreamAfter = first('>').raw();
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.streamForward = db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw();
    this.streamBackward = db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw();
    this.batchTx = db.transaction((appends: PreparedAppend[]) => appends.map((a) => this.appendIsolated(a)));
    this.aloneTx = db.transaction((append: PreparedAppend) => this.appendOne(append));
  }

  /**
   * One durable transaction for the whole batch. An append that a rule refuses fails alone: the rules
   * are all decided before its first insert, so a refused append has written nothing and needs no
   * savepoint. Anything else SQLite throws fails (and rolls back) the whole batch.
   */
  commitBatch(batch: PreparedAppend[]): Outcome[] {
    if (batch.length === 1) return [this.commitAlone(batch[0])];
    return this.batchTx.immediate(batch);
  }

  /** A lone append needs no savepoint: its own transaction rolls back if a rule refuses it. */
  private commitAlone(append: PreparedAppend): Outcome {
    try {
      return { ok: true, value: this.aloneTx.immediate(append) };
    } catch (error) {
      if (isRuleError(error)) return { ok: false, error };
      throw error;
    }
  }

  private appendIsolated(append: PreparedAppend): Outcome {
    try {
      return { ok: true, value: this.appendOne(append) };
    } catch (error) {
      if (isRuleError(error)) return { ok: false, error };
      throw error;
    }
  }

  /** Decides every rule first, then inserts: a rule error is never thrown after a write. */
  private appendOne(append: PreparedAppend): AppendOutcome {
    const decision = decideAppend(append, this.lookup(append.stream));
    if (decision.kind === 'already-written') {
      const position = this.positionAt.get(append.stream, decision.lastRevision) as number;
      return { nextRevision: decision.lastRevision, position, written: false };
    }
    let revision = decision.firstRevision;
    let position = 0;
    for (const e of append.events) {
      position = Number(
        this.insert.run(append.stream, revision, e.id, e.type, e.data, e.metadata).lastInsertRowid,
      );
      revision += 1;
    }
    return { nextRevision: revision - 1, position, written: true };
  }

  private lookup(stream: string): StreamLookup {
    return {
      currentRevision: () => (this.currentRevision.get(stream) as number | undefined) ?? 'no_stream',
      revisionOfEventId: (id) => this.revisionOfId.get(stream, id) as number | undefined,
      eventIdAt: (revision) => this.idAt.get(stream, revision) as string | undefined,
    };
  }

  head(): Position | null {
    return (this.headStmt.get() as number | null) ?? null;
  }

  streamNames(prefix: string, upTo: Position): string[] {
    const names: string[] = [];
    let row = this.firstStreamFrom.get(prefix) as [string, number] | undefined;
    while (row !== undefined && row[0].startsWith(prefix)) {
      if (row[1] <= upTo) names.push(row[0]);
      row = this.firstStreamAfter.get(row[0]) as [string, number] | undefined;
    }
    return names;
  }

  dataVersion(): number {
    return this.dataVersionStmt.get() as number;
  }

  streamPage(stream: string, from: number, backwards: boolean, limit: number): Row[] {
    return (backwards ? this.streamBackward : this.streamForward).all(stream, from, limit) as Row[];
  }

  allPage(filter: EventFilter | undefined, from: number, backwards: boolean, limit: number): Row[] {
    const { sql, params } = filterSql(filter);
    const key = `${backwards ? 'b' : 'f'}|${sql}`;
    let stmt = this.filtered.get(key);
    if (!stmt) {
      const order = backwards ? 'position <= ? ORDER BY position DESC' : 'position >= ? ORDER BY position';
      stmt = this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE ${sql} AND ${order} LIMIT ?`).raw();
      this.filtered.set(key, stmt);
    }
    return stmt.all(...params, from, limit) as Row[];
  }

  /** A forward page after a position, and the head in the same read snapshot. */
  scanAfter(
    filter: EventFilter | undefined,
    after: number,
    limit: number,
  ): { rows: Row[]; head: Position | null } {
    return this.db.transaction(() => ({
      rows: this.allPage(filter, after + 1, false, limit),
      head: this.head(),
    }))();
  }
}

function filterSql(filter: EventFilter | undefined): { sql: string; params: Array<string | number> } {
  const clauses: string[] = ['1 = 1'];
  const params: Array<string | number> = [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0) {
    clauses.push(`(${prefixes.map(() => 'substr(stream_id, 1, ?) = ?').join(' OR ')})`);
    for (const p of prefixes) params.push(p.length, p);
  }
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) {
    clauses.push(`type IN (${types.map(() => '?').join(', ')})`);
    params.push(...types);
  }
  return { sql: clauses.join(' AND '), params };
}

function isRuleError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown }).code === 'string' &&
    String((error as { code: string }).code).startsWith('EVENT_STORE.')
  );
}
