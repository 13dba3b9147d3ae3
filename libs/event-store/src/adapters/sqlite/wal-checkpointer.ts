import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** What one `PRAGMA wal_checkpoint(PASSIVE)` reported (SQLite's own three numbers). */
export interface CheckpointReport {
  /** 1 when it could not run at all (another checkpoint, or a writer holding the lock). */
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database file so far; equal to `log` when the WAL is fully copied. */
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** How often, at most, to checkpoint while commits keep coming. */
  intervalMs?: number;
  /** Told when a checkpoint fails, or when the checkpoint thread stops and the store goes back to checkpointing itself. */
  onProblem?: (message: string) => void;
  /**
   * WAL frames past which the store's own connection truncates the WAL itself, between two commits
   * (default 4,000, about 16 MB): the safeguard for a WAL that background checkpoints alone did not
   * get to start again (see the class comment).
   */
  truncateAfterFrames?: number;
}

/** SQLite's default, restored if the checkpoint thread stops. */
const AUTOCHECKPOINT_PAGES = 1000;
const TRUNCATE_AFTER_FRAMES = 4000;
/** A checkpoint not answered in this long: the thread is taken to be stuck. */
const UNANSWERED_MS = 30_000;
const PROBLEM_EVERY_MS = 60_000;

/**
 * The checkpoint thread's code. Plain JavaScript run with `eval`, so it needs no build step in any
 * of the ways the store is run (compiled, under swc, under jest); the SQLite driver's resolved path
 * comes in `workerData`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 1000');
parentPort.on('message', (message) => {
  if (message !== 'checkpoint') return;
  try {
    const [report] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, report });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message ? error.message : error) });
  }
});
`;

/**
 * Copies the WAL into the database file on a thread of its own. By default SQLite checkpoints inside
 * the commit that takes the WAL past 1,000 pages: that commit (and every request waiting on it) then
 * also copies the pages and syncs the database file, a pause of many milliseconds on the event loop
 * every few thousand events. Here the store's connection never checkpoints (`wal_autocheckpoint = 0`);
 * a second connection on a worker thread runs a PASSIVE checkpoint, which never blocks a writer or a
 * reader, at most every `intervalMs` while commits keep coming. Once a checkpoint has copied the whole
 * WAL, the next commit starts writing it from the beginning again, so the file stays small.
 *
 * A commit can start the WAL again only if no checkpoint is running at that moment; under a steady
 * stream of commits that can be missed again and again. So once the WAL holds `truncateAfterFrames`
 * frames, the store's connection, between two commits, runs `wal_checkpoint(TRUNCATE)` itself: most
 * frames are already copied, so it is short, and the WAL starts again from nothing. It never waits
 * for a lock (see `truncate`); a thread that stops answering is replaced by SQLite's own checkpoints.
 *
 * Durability is unchanged: commits still sync the WAL (synchronous is the store's setting), and a
 * checkpoint syncs before and after copying, as SQLite's own does. If the thread fails, the store's
 * connection goes back to checkpointing itself.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private dirty = false;
  private inFlight = false;
  private stopped = false;
  private truncateDue = false;
  private inFlightSince = 0;
  private lastProblemAt = Number.NEGATIVE_INFINITY;
  private truncations = 0;
  private lastReport: CheckpointReport | undefined;
  private completed = 0;
  private readonly waiting = new Set<(report: CheckpointReport | undefined) => void>();

  private constructor(
    private readonly db: Database.Database,
    path: string,
    private readonly options: WalCheckpointerOptions,
  ) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, driver: require.resolve('better-sqlite3') },
    });
    this.worker.unref();
    this.worker.on('message', (message: { ok: boolean; report?: CheckpointReport; message?: string }) =>
      this.answered(message),
    );
    this.worker.on('error', (error) => this.fallBack(`the checkpoint thread failed: ${error.message}`));
    this.worker.on('exit', (code) => {
      if (!this.stopped) this.fallBack(`the checkpoint thread exited (${code})`);
    });
    this.timer = setInterval(() => this.tick(), options.intervalMs ?? 100);
    this.timer.unref();
  }

  /** Takes checkpointing off `db`'s connection (a file database in WAL mode) onto a thread. */
  static start(db: Database.Database, path: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
    // The thread first: if it cannot start, the connection keeps SQLite's own checkpoints.
    const checkpointer = new WalCheckpointer(db, path, options);
    db.pragma('wal_autocheckpoint = 0');
    return checkpointer;
  }

  /** The store committed (and is between transactions): a checkpoint is due at the next tick. */
  committed(): void {
    this.dirty = true;
    if (this.truncateDue && !this.stopped) {
      this.truncateDue = false;
      this.truncate();
    }
  }

  /**
   * `wal_checkpoint(TRUNCATE)` on the store's connection, never waiting: with the busy timeout at
   * zero, a reader holding an old snapshot (another process, a backup) or the thread's own
   * checkpoint makes it answer busy at once instead of holding every request for the timeout. Busy,
   * it is tried again only after the next report that finds the WAL still long (at most every tick).
   */
  private truncate(): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    try {
      this.db.pragma('busy_timeout = 0');
      const [report] = this.db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointReport[];
      if (report.busy === 0) this.truncations += 1;
    } catch (error) {
      this.problem(`truncating the WAL failed: ${(error as Error).message}`);
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  /** The last checkpoint's report, how many have run, how often the WAL was truncated (for tests and diagnostics). */
  status(): { completed: number; truncations: number; last: CheckpointReport | undefined } {
    return { completed: this.completed, truncations: this.truncations, last: this.lastReport };
  }

  /** Resolves with the next checkpoint's report (undefined if it failed or the thread stopped); for tests. */
  nextCheckpoint(): Promise<CheckpointReport | undefined> {
    this.dirty = true;
    return new Promise((resolve) => this.waiting.add(resolve));
  }

  /** Stops the thread; the store's own connection checkpoints (and its close) as SQLite does by default. */
  async stop(): Promise<void> {
    if (this.halt()) await this.worker.terminate();
  }

  /**
   * Stops ticking, answers whoever waits, and hands checkpointing back to the store's connection at
   * once (so a caller that closes it right after, without waiting, may). False if already stopped.
   */
  private halt(): boolean {
    if (this.stopped) return false;
    this.stopped = true;
    clearInterval(this.timer);
    this.settle(undefined);
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    return true;
  }

  private settle(report: CheckpointReport | undefined): void {
    for (const resolve of this.waiting) resolve(report);
    this.waiting.clear();
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      // A thread that stopped answering would leave the WAL to grow with no checkpoint at all.
      if (Date.now() - this.inFlightSince > UNANSWERED_MS) {
        void this.worker.terminate();
        this.fallBack(`the checkpoint thread has not answered for ${UNANSWERED_MS / 1000} s`);
      }
      return;
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.inFlight = true;
    this.inFlightSince = Date.now();
    this.worker.postMessage('checkpoint');
  }

  /** Tells of a problem once a minute at most (a failing checkpoint is retried every tick). */
  private problem(message: string): void {
    const now = Date.now();
    if (now - this.lastProblemAt < PROBLEM_EVERY_MS) return;
    this.lastProblemAt = now;
    this.options.onProblem?.(message);
  }

  private answered(message: { ok: boolean; report?: CheckpointReport; message?: string }): void {
    this.inFlight = false;
    if (message.ok && message.report) {
      this.lastReport = message.report;
      this.completed += 1;
      // Not all copied (a reader still needed older frames): try again at the next tick.
      if (message.report.busy !== 0 || message.report.checkpointed < message.report.log) this.dirty = true;
      if (message.report.log >= (this.options.truncateAfterFrames ?? TRUNCATE_AFTER_FRAMES)) {
        this.truncateDue = true;
      }
    } else {
      this.dirty = true;
      this.problem(`a background checkpoint failed: ${message.message ?? 'unknown error'}`);
    }
    this.settle(message.ok ? message.report : undefined);
  }

  private fallBack(reason: string): void {
    if (this.halt()) this.options.onProblem?.(`${reason}; the store checkpoints on its own connection again`);
  }
}
