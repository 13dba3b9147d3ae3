import type { EventStore, Position } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import { CATCH_UP_BATCH, catchUp, type CatchUpProgress } from './catch-up';
import { TRUST_READ_MODELS, type Projector } from './projector';

/** The head a rebuild in progress reads up to, kept beside the checkpoint until the rebuild ends. */
export const REBUILD_HEAD = `${TRUST_READ_MODELS}:rebuild-head`;
/** How many trusts (streams in name order) a rebuild in progress has committed. */
export const REBUILD_TRUSTS_DONE = `${TRUST_READ_MODELS}:rebuild-trusts-done`;

/** A store that can list its streams (the embedded SQLite store can; see `streamNames`). */
export interface StreamListingStore extends EventStore {
  streamNames(prefix: string, upTo: Position): string[];
}

export interface RebuildProgress {
  /** Events applied so far in this run. */
  applied: number;
  /** Trusts committed, of `trusts` (streams with an event at or before `head`). */
  trustsDone: number;
  trusts: number;
  head: Position | null;
}

/**
 * Rebuilds the trust read models from empty, trust by trust, up to the head when it began: each
 * trust's stream is read and folded whole, then written once. A catch-up in position order writes a
 * trust again in every batch its events fall in (over the benchmark's 1,000,000 events, every trust
 * in each of ten batches) and holds up to 5,000 trusts' states meanwhile; here each trust is written
 * once and its state let go once it is committed. The checkpoint is set to that head only at the
 * end: until then the rows are not a prefix of the log, so progress is kept under its own names
 * (`REBUILD_HEAD`, `REBUILD_TRUSTS_DONE`), committed with each batch's rows. Stopped at any point,
 * even with SIGKILL, it resumes after the last trust it committed. Events after the head are the
 * ordinary catch-up's (`catchUp`) to apply.
 */
export async function rebuildByTrust(
  store: StreamListingStore,
  projector: Projector,
  options: { batchSize?: number; onBatch?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildProgress> {
  const batchSize = options.batchSize ?? CATCH_UP_BATCH;
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
  const done = db.checkpoint(REBUILD_TRUSTS_DONE) ?? 0;
  const progress: RebuildProgress = { applied: 0, trustsDone: done, trusts: streams.length, head };
  let batch = projector.batch();
  let count = 0;
  const committed = (trustsDone: number) => {
    progress.applied += count;
    progress.trustsDone = trustsDone;
    count = 0;
    // Every trust folded so far was read to the head and is written: none is needed again.
    projector.forgetStates();
    options.onBatch?.(progress);
  };
  try {
    for (let i = done; i < streams.length; i += 1) {
      for await (const event of store.readStream(streams[i])) {
        if (event.position > head) break;
        const loading = batch.add(event);
        if (loading) await loading;
        count += 1;
      }
      if (count >= batchSize && i + 1 < streams.length) {
        batch.commit(null, { [REBUILD_TRUSTS_DONE]: i + 1 });
        committed(i + 1);
        batch = projector.batch();
      }
    }
    batch.commit(head, { [REBUILD_HEAD]: null, [REBUILD_TRUSTS_DONE]: null });
  } catch (error) {
    batch.abandon();
    throw error;
  }
  committed(streams.length);
  return progress;
}

/** Marks a rebuild as begun at the store's head (null: an empty store, nothing to rebuild). */
async function begin(store: EventStore, projector: Projector): Promise<Position | null> {
  const head = await store.headPosition();
  if (head === null) return null;
  projector.db.transaction(() => {
    projector.db.setCheckpoint(REBUILD_HEAD, head);
    projector.db.setCheckpoint(REBUILD_TRUSTS_DONE, 0);
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
  options: {
    batchSize?: number;
    onRebuildBatch?: (progress: RebuildProgress) => void;
    onCatchUpBatch?: (progress: CatchUpProgress) => void;
  } = {},
): Promise<number> {
  const { batchSize } = options;
  let applied = 0;
  if (projector.position() === null || projector.db.checkpoint(REBUILD_HEAD) !== null) {
    applied += (await rebuildByTrust(store, projector, { batchSize, onBatch: options.onRebuildBatch }))
      .applied;
  }
  return applied + (await catchUp(store, projector, { batchSize, onBatch: options.onCatchUpBatch })).applied;
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
