import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore, Position } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import { CATCH_UP_BATCH, catchUp, type CatchUpProgress } from './catch-up';
import { TRUST_READ_MODELS, type Projector } from './projector';
import {
  REBUILD_BACK,
  REBUILD_FRONT,
  REBUILD_HEAD,
  REBUILD_TRUSTS_DONE_BEFORE,
  TrustClaims,
  walkFromEnd,
  type RebuildEnd,
  type StreamListingStore,
  type WalkJob,
  type WalkProgress,
} from './rebuild-walk';
import type { HelperJob, HelperMessage } from './rebuild-worker';

export {
  REBUILD_BACK,
  REBUILD_FRONT,
  REBUILD_HEAD,
  REBUILD_TRUSTS_DONE_BEFORE,
  type StreamListingStore,
} from './rebuild-walk';

export interface RebuildProgress {
  /** Events applied so far in this run. */
  applied: number;
  /** Trusts committed, of `trusts` (streams with an event at or before `head`). */
  trustsDone: number;
  trusts: number;
  head: Position | null;
}

export interface RebuildOptions {
  /** A batch ends at the first whole trust that brings it to this many events (default `CATCH_UP_BATCH`). */
  batchSize?: number;
  /** Told after each batch either thread commits. */
  onBatch?: (progress: RebuildProgress) => void;
  /** 2 (the default where there are two cores or more): a helper thread walks from the last trust back. */
  threads?: 1 | 2;
  /**
   * Take no trust until the helper thread has committed its first batch (tests, so that both ends
   * certainly do some of the work). By default this thread starts at once, the helper when it is up.
   */
  waitForHelper?: boolean;
}

/** How long a commit waits for the other thread's (a batch of 100,000 events commits in well under a second). */
const BUSY_TIMEOUT_MS = 120_000;

/**
 * Rebuilds the trust read models from empty, trust by trust, up to the head when it began: each
 * trust's stream is read and folded whole, then written once. A catch-up in position order writes a
 * trust again in every batch its events fall in (over the benchmark's 1,000,000 events, every trust
 * in each of ten batches) and holds up to 5,000 trusts' states meanwhile; here each trust is written
 * once and its state let go once it is committed.
 *
 * Two threads share the work (`threads`): this one walks the trusts from the first in name order
 * on, a helper thread (its own connections to both files) from the last back, each taking a trust
 * before reading it, until they meet. The checkpoint is set to the head only at the end: until then
 * the rows are not a prefix of the log, so each end keeps its progress under its own name
 * (`REBUILD_FRONT`, `REBUILD_BACK`: how many trusts it has committed), committed with each of its
 * batches. Stopped at any point, even with SIGKILL, the rebuild resumes after the last trust each
 * end committed. Events after the head are the ordinary catch-up's (`catchUp`) to apply.
 */
export async function rebuildByTrust(
  store: StreamListingStore,
  projector: Projector,
  options: RebuildOptions = {},
): Promise<RebuildProgress> {
  const db = projector.db;
  const unfinished = db.checkpoint(REBUILD_HEAD);
  if (projector.position() !== null) {
    throw new Error(
      unfinished === null
        ? 'The read models are not empty: reset them before rebuilding them.'
        : // Never written so (the checkpoint is set in the transaction that removes the marks):
          // finishing the rebuild would set the checkpoint back to its head.
          'The read models have both a checkpoint and an unfinished rebuild: reset them.',
    );
  }
  const head = unfinished ?? (await begin(store, projector));
  if (head === null) return { applied: 0, trustsDone: 0, trusts: 0, head };
  const streams = store.streamNames(TRUST_STREAM_PREFIX, head);
  const front = db.checkpoint(REBUILD_FRONT) ?? db.checkpoint(REBUILD_TRUSTS_DONE_BEFORE) ?? 0;
  const back = db.checkpoint(REBUILD_BACK) ?? 0;
  const claims = TrustClaims.create(streams.length, front, back);
  const job = (end: RebuildEnd, done: number): WalkJob => ({
    streams,
    head,
    end,
    done,
    batchSize: options.batchSize ?? CATCH_UP_BATCH,
  });
  // What each end has done in this run; the rebuild's progress is their sum.
  const ends: Record<RebuildEnd, WalkProgress> = {
    front: { applied: 0, done: front },
    back: { applied: 0, done: back },
  };
  const progress = (): RebuildProgress => ({
    applied: ends.front.applied + ends.back.applied,
    trustsDone: ends.front.done + ends.back.done,
    trusts: streams.length,
    head,
  });
  const report = (end: RebuildEnd, walked: WalkProgress) => {
    ends[end] = walked;
    options.onBatch?.(progress());
  };
  const threads = options.threads ?? (availableParallelism() > 1 ? 2 : 1);
  const files = store.path !== ':memory:' && db.db.name !== ':memory:';
  const timeout = db.db.pragma('busy_timeout', { simple: true }) as number;
  let helper: HelperThread | undefined;
  try {
    db.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (threads === 2 && files && streams.length - front - back > 1) {
      helper = new HelperThread(
        {
          ...job('back', back),
          eventsPath: store.path,
          projectionsPath: db.db.name,
          claims: claims.flags.buffer as SharedArrayBuffer,
          busyTimeoutMs: BUSY_TIMEOUT_MS,
        },
        (walked) => report('back', walked),
      );
    }
    if (helper && options.waitForHelper) await helper.firstCommit;
    await walkFromEnd(store, projector, job('front', front), claims, async (walked) => {
      report('front', walked);
      // Let the helper's messages in (its progress, or its failure, which stops this walk too).
      await helper?.heard();
    });
    if (helper && !claims.takenBy('back')) {
      // This thread took every trust before the helper took one (a small store, or the helper still
      // starting): it has nothing left to take and nothing to commit, so it is not waited for.
      await helper.stop();
    } else if (helper) {
      // Its last commit was reported as it came.
      ends.back = await helper.finished;
    }
    // Both ends have met and every trust is committed: the rows are now the log up to the head.
    db.transaction(() => {
      db.setCheckpoint(TRUST_READ_MODELS, head);
      for (const mark of [REBUILD_HEAD, REBUILD_FRONT, REBUILD_BACK, REBUILD_TRUSTS_DONE_BEFORE]) {
        db.deleteCheckpoint(mark);
      }
    });
  } catch (error) {
    await helper?.stop();
    throw error;
  } finally {
    if (db.db.open) db.db.pragma(`busy_timeout = ${timeout}`);
  }
  return progress();
}

/** The helper thread (`rebuild-worker.ts`): compiled JavaScript, or TypeScript under swc or jest. */
class HelperThread {
  /** Settled at its first message (a commit, or the end of its walk), or when it stops. */
  readonly firstCommit: Promise<void>;
  /** Its walk's result, once it has exited (its connections closed); rejected if it failed. */
  readonly finished: Promise<WalkProgress>;
  private readonly worker: Worker;
  private failure: unknown;

  constructor(job: HelperJob, onProgress: (walked: WalkProgress) => void) {
    const file = join(__dirname, `rebuild-worker${extname(__filename)}`);
    this.worker = new Worker(file, {
      workerData: job,
      execArgv: file.endsWith('.ts') ? ['-r', require.resolve('@swc-node/register')] : undefined,
    });
    let heardFirst = () => {};
    this.firstCommit = new Promise((resolve) => (heardFirst = resolve));
    this.finished = new Promise((resolve, reject) => {
      let result: WalkProgress | undefined;
      const fail = (error: unknown) => {
        this.failure ??= error;
        reject(error);
      };
      this.worker.on('message', (message: HelperMessage) => {
        heardFirst();
        if ('finished' in message) result = message.finished;
        else {
          // The caller's progress callback may throw to stop the rebuild: a failure, not an uncaught error.
          try {
            onProgress(message);
          } catch (error) {
            fail(error);
          }
        }
      });
      this.worker.once('error', fail);
      this.worker.once('exit', (code) => {
        heardFirst();
        if (result) resolve(result);
        else fail(new Error(`The rebuild's helper thread stopped (exit code ${code}) before it finished.`));
      });
    });
    // Awaited only once this thread's walk is done; a failure before that is thrown by `heard`.
    this.finished.catch(() => undefined);
  }

  /** Lets the event loop deliver the helper's messages; throws the helper's failure, if any. */
  async heard(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** Ends the thread (what it committed stays committed) and waits for it to exit. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Marks a rebuild as begun at the store's head (null: an empty store, nothing to rebuild). */
async function begin(store: EventStore, projector: Projector): Promise<Position | null> {
  const head = await store.headPosition();
  if (head === null) return null;
  projector.db.transaction(() => {
    projector.db.setCheckpoint(REBUILD_HEAD, head);
    projector.db.setCheckpoint(REBUILD_FRONT, 0);
    projector.db.setCheckpoint(REBUILD_BACK, 0);
  });
  return head;
}

/**
 * What an operator's rebuild does (the rebuild CLI; the benchmark measures it): a rebuild by trust
 * when the read models are empty or a rebuild was stopped half-way, then a catch-up in position
 * order for whatever came after its head (or after the checkpoint, when there was nothing to
 * rebuild). Returns how many events it applied.
 */
export async function rebuildReadModels(
  store: StreamListingStore,
  projector: Projector,
  options: Omit<RebuildOptions, 'onBatch'> & {
    onRebuildBatch?: (progress: RebuildProgress) => void;
    onCatchUpBatch?: (progress: CatchUpProgress) => void;
  } = {},
): Promise<number> {
  const { batchSize, onRebuildBatch, onCatchUpBatch, ...rest } = options;
  let applied = 0;
  if (projector.position() === null || projector.db.checkpoint(REBUILD_HEAD) !== null) {
    applied += (await rebuildByTrust(store, projector, { ...rest, batchSize, onBatch: onRebuildBatch }))
      .applied;
  }
  return applied + (await catchUp(store, projector, { batchSize, onBatch: onCatchUpBatch })).applied;
}

/**
 * A rebuild stopped half-way leaves rows that are not a prefix of the log, under no checkpoint: a
 * catch-up from the start would meet them again (a decision already there) and fail on every retry.
 * The app calls this before its catch-up starts: it drops them, so the read models start again from
 * empty (the rebuild CLI's --resume would have finished them instead). True if it dropped anything.
 */
export function discardUnfinishedRebuild(projector: Projector): boolean {
  if (projector.db.checkpoint(REBUILD_HEAD) === null) return false;
  projector.reset();
  return true;
}
