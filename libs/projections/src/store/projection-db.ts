import Database from 'better-sqlite3';
import {
  ReadModelFile,
  type ReadModelFileOptions,
} from '@trustworks/event-store/adapters/sqlite/read-model-file';
import type { MilestoneFacts } from '../domain/timeline';
import type { AttendanceRow } from '@trustworks/trust-domain';
import type { TrustSummaryRow } from '../domain/trust-rows';
import { PROJECTION_SCHEMA, PROJECTION_TABLES } from './projection-schema';

export interface TrustRow extends TrustSummaryRow {
  revision: number;
  eventsApplied: number;
  register: unknown[];
  attendance: AttendanceRow[];
}

/**
 * What access checks, ETags and the calendar feed need of a trust's row (whose it is, what it is
 * called, how far it is projected), read without its register and attendance.
 */
export interface TrustHead {
  trustId: string;
  authority: string;
  name: string;
  revision: number;
}

export interface DecisionRow {
  trustId: string;
  seq: number;
  decisionId: string;
  title: string;
  tier: string;
  leadAgency: string;
  rationale: string;
  meetingId: string | null;
  meetingBody: string | null;
  meetingHeldOn: string | null;
  decidedOn: string;
  effectiveFrom: string;
  recordedBy: string;
  recordedAt: string;
  revision: number;
}

type Raw = Record<string, string | number | null>;

/** A trust row with its register and attendance already serialised (they change less often than it). */
export interface TrustRowJson extends Omit<TrustRow, 'register' | 'attendance'> {
  register: string;
  attendance: string;
}

const DECISION_COLUMNS = 15;
/** Decisions are inserted this many to a statement: one call into SQLite instead of 32. */
const DECISIONS_PER_INSERT = 32;

/** The decisions table's key order: trust, then sequence in its log. */
function byKey(a: DecisionRow, b: DecisionRow): number {
  if (a.trustId !== b.trustId) return a.trustId < b.trustId ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * The projections' own SQLite file (`projections.sqlite` beside the event store), or an in-memory
 * database for a memory event store. Synchronous, like better-sqlite3: a batch of events, its rows
 * and its checkpoint are written in one transaction, so a crash leaves all of it or none.
 */
export class ProjectionDb {
  private readonly stmt: Record<string, Database.Statement>;
  readonly db: Database.Database;
  /** Multi-row decision inserts, by how many rows each takes. */
  private readonly decisionInserts = new Map<number, Database.Statement>();

  private constructor(private readonly file: ReadModelFile) {
    const db = file.db;
    this.db = db;
    db.exec(PROJECTION_SCHEMA);
    this.stmt = {
      checkpoint: db.prepare('SELECT position FROM checkpoints WHERE name = ?').pluck(),
      setCheckpoint: db.prepare(
        'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
      deleteCheckpoint: db.prepare('DELETE FROM checkpoints WHERE name = ?'),
      trust: db.prepare('SELECT * FROM trusts WHERE trust_id = ?'),
      trustHead: db
        .prepare('SELECT trust_id, authority, name, revision FROM trusts WHERE trust_id = ?')
        .raw(),
      trusts: db.prepare('SELECT * FROM trusts ORDER BY authority, name, trust_id'),
      trustRevisions: db
        .prepare('SELECT trust_id, revision FROM trusts ORDER BY authority, name, trust_id')
        .raw(),
      upsertTrust: db.prepare('INSERT OR REPLACE INTO trusts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      deleteMilestones: db.prepare('DELETE FROM milestones WHERE trust_id = ?'),
      insertMilestone: db.prepare('INSERT INTO milestones VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      milestones: db.prepare(
        'SELECT * FROM milestones WHERE trust_id = ? ORDER BY baseline_due, milestone_id',
      ),
      allMilestones: db.prepare('SELECT * FROM milestones ORDER BY trust_id, baseline_due, milestone_id'),
      decisionsFrom: db.prepare('SELECT * FROM decisions WHERE trust_id = ? AND seq >= ? ORDER BY seq'),
    };
  }

  static open(path: string, options: ReadModelFileOptions = {}): ProjectionDb {
    return new ProjectionDb(ReadModelFile.open(path, options));
  }

  transaction<T>(work: () => T): T {
    return this.file.transaction(work);
  }

  checkpoint(name: string): number | null {
    return (this.stmt.checkpoint.get(name) as number | undefined) ?? null;
  }

  setCheckpoint(name: string, position: number): void {
    this.stmt.setCheckpoint.run(name, position);
  }

  deleteCheckpoint(name: string): void {
    this.stmt.deleteCheckpoint.run(name);
  }

  /** The trust's id, authority and projected revision (null: no row), without parsing the rest. */
  trustHead(trustId: string): TrustHead | null {
    const raw = this.stmt.trustHead.get(trustId) as [string, string, string, number] | undefined;
    return raw ? { trustId: raw[0], authority: raw[1], name: raw[2], revision: raw[3] } : null;
  }

  trust(trustId: string): TrustRow | null {
    const raw = this.stmt.trust.get(trustId) as Raw | undefined;
    return raw ? toTrustRow(raw) : null;
  }

  trusts(): TrustRow[] {
    return (this.stmt.trusts.all() as Raw[]).map(toTrustRow);
  }

  /** Each trust's id and projected revision, in list order: enough to tell what changed since. */
  trustRevisions(): Array<[trustId: string, revision: number]> {
    return this.stmt.trustRevisions.all() as Array<[string, number]>;
  }

  upsertTrust(row: TrustRowJson): void {
    this.stmt.upsertTrust.run(
      row.trustId,
      row.authority,
      row.name,
      row.phase,
      row.revision,
      row.eventsApplied,
      JSON.stringify(row.keyIssuesOpen),
      JSON.stringify(row.statutoryPartnersMissing),
      row.register,
      row.attendance,
    );
  }

  /** `mayHaveRows: false` when the trust is known to have no milestone rows yet (nothing to delete). */
  replaceMilestones(trustId: string, milestones: MilestoneFacts[], mayHaveRows = true): void {
    if (mayHaveRows) this.stmt.deleteMilestones.run(trustId);
    for (const m of milestones) {
      this.stmt.insertMilestone.run(
        trustId,
        m.milestoneId,
        m.title,
        m.owner,
        m.phase,
        m.gate,
        m.baselineDue,
        m.forecastDue,
        m.completedOn,
        JSON.stringify(m.dependsOn),
      );
    }
  }

  milestones(trustId: string): MilestoneFacts[] {
    return (this.stmt.milestones.all(trustId) as Raw[]).map(toMilestone);
  }

  /** Every trust's milestones, grouped by trust id (for the dashboard). */
  allMilestones(): Map<string, MilestoneFacts[]> {
    const grouped = new Map<string, MilestoneFacts[]>();
    for (const raw of this.stmt.allMilestones.all() as Raw[]) {
      const list = grouped.get(String(raw.trust_id)) ?? [];
      list.push(toMilestone(raw));
      grouped.set(String(raw.trust_id), list);
    }
    return grouped;
  }

  /**
   * Inserts in key order (trust, then sequence), whatever order the rows come in: a batch's
   * decisions arrive in event order, spread over many trusts, and inserting them as they are
   * touches a different page of the primary key's index for almost every row.
   */
  insertDecisions(given: readonly DecisionRow[]): void {
    const rows = [...given].sort(byKey);
    for (let i = 0; i < rows.length; i += DECISIONS_PER_INSERT) {
      const count = Math.min(DECISIONS_PER_INSERT, rows.length - i);
      let insert = this.decisionInserts.get(count);
      if (!insert) {
        insert = this.db.prepare(decisionsInsert(count));
        this.decisionInserts.set(count, insert);
      }
      insert.run(decisionValues(rows, i, count));
    }
  }

  /** The trust's decision rows from `seq` on (the whole log from 0), in order. */
  decisionsFrom(trustId: string, seq: number): DecisionRow[] {
    return (this.stmt.decisionsFrom.all(trustId, seq) as Raw[]).map(toDecision);
  }

  /** Drops every row and checkpoint: the next catch-up starts from the first event. */
  reset(): void {
    this.transaction(() => {
      for (const table of PROJECTION_TABLES) this.db.exec(`DELETE FROM ${table}`);
    });
  }

  /** Every row of every table in a stable order: two projections agree when their dumps do. */
  dump(): Record<string, unknown[]> {
    return Object.fromEntries(
      PROJECTION_TABLES.map((t) => [t, this.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]),
    );
  }

  close(): void {
    this.file.close();
  }

  /** Closes after stopping any checkpoint thread (see `ReadModelFile.shutdown`): the server's shutdown. */
  shutdown(): Promise<void> {
    return this.file.shutdown();
  }
}

function decisionsInsert(rows: number): string {
  const row = `(${Array.from({ length: DECISION_COLUMNS }, () => '?').join(', ')})`;
  return `INSERT INTO decisions VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

function decisionValues(rows: readonly DecisionRow[], from: number, count: number): unknown[] {
  const values: unknown[] = [];
  for (let i = from; i < from + count; i += 1) {
    const d = rows[i];
    values.push(
      d.trustId,
      d.seq,
      d.decisionId,
      d.title,
      d.tier,
      d.leadAgency,
      d.rationale,
      d.meetingId,
      d.meetingBody,
      d.meetingHeldOn,
      d.decidedOn,
      d.effectiveFrom,
      d.recordedBy,
      d.recordedAt,
      d.revision,
    );
  }
  return values;
}

function toTrustRow(raw: Raw): TrustRow {
  return {
    trustId: String(raw.trust_id),
    authority: String(raw.authority),
    name: String(raw.name),
    phase: String(raw.phase),
    revision: Number(raw.revision),
    eventsApplied: Number(raw.events_applied),
    keyIssuesOpen: JSON.parse(String(raw.key_issues_open)),
    statutoryPartnersMissing: JSON.parse(String(raw.statutory_missing)),
    register: JSON.parse(String(raw.register)),
    attendance: JSON.parse(String(raw.attendance)),
  };
}

function toMilestone(raw: Raw): MilestoneFacts {
  return {
    milestoneId: String(raw.milestone_id),
    title: String(raw.title),
    owner: String(raw.owner),
    phase: raw.phase === null ? null : String(raw.phase),
    gate: raw.gate === null ? null : String(raw.gate),
    baselineDue: String(raw.baseline_due),
    forecastDue: String(raw.forecast_due),
    completedOn: raw.completed_on === null ? null : String(raw.completed_on),
    dependsOn: JSON.parse(String(raw.depends_on)),
  };
}

function toDecision(raw: Raw): DecisionRow {
  const text = (v: string | number | null) => (v === null ? null : String(v));
  return {
    trustId: String(raw.trust_id),
    seq: Number(raw.seq),
    decisionId: String(raw.decision_id),
    title: String(raw.title),
    tier: String(raw.tier),
    leadAgency: String(raw.lead_agency),
    rationale: String(raw.rationale),
    meetingId: text(raw.meeting_id),
    meetingBody: text(raw.meeting_body),
    meetingHeldOn: text(raw.meeting_held_on),
    decidedOn: String(raw.decided_on),
    effectiveFrom: String(raw.effective_from),
    recordedBy: String(raw.recorded_by),
    recordedAt: String(raw.recorded_at),
    revision: Number(raw.revision),
  };
}
