import type { EventStore } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import type { Projector } from './projector';

export interface CatchUpProgress {
  /** Events applied so far in this run. */
  applied: number;
  position: number;
}

/**
 * Events per committed batch when the caller does not say. Each batch writes every trust it touched
 * once, so larger batches write less; a crash re-does at most one batch. Events are folded as they are
 * read and never held, but the batch's new decision rows are held until it commits (and the states
 * of the trusts it touched stay in the projector's cache, which any batch size fills the same).
 */
export const CATCH_UP_BATCH = 100_000;

/**
 * Reads the trust streams from the projection's checkpoint to the head, folding each event as it is
 * read and committing every `batchSize` events with their checkpoint (for the rebuild CLI, the
 * benchmark and tests; the app uses a live subscription). Events are not held until their batch is
 * committed (only its decision rows are). Stop it at any point, even with SIGKILL:
 * the next run resumes after the last committed batch.
 */
export async function catchUp(
  store: EventStore,
  projector: Projector,
  options: { batchSize?: number; onBatch?: (progress: CatchUpProgress) => void } = {},
): Promise<CatchUpProgress> {
  const batchSize = options.batchSize ?? CATCH_UP_BATCH;
  const from = (projector.position() ?? -1) + 1;
  const progress: CatchUpProgress = { applied: 0, position: from - 1 };
  let batch = projector.batch();
  let count = 0;
  let last = -1;
  const commit = () => {
    batch.commit(last);
    progress.applied += count;
    progress.position = last;
    count = 0;
    options.onBatch?.(progress);
    batch = projector.batch();
  };
  const filter = { streamPrefixes: [TRUST_STREAM_PREFIX] };
  try {
    for await (const event of store.readAll({ fromPosition: from, filter })) {
      const loading = batch.add(event);
      if (loading) await loading;
      count += 1;
      last = event.position;
      if (count >= batchSize) commit();
    }
    if (count > 0) commit();
  } catch (error) {
    batch.abandon();
    throw error;
  }
  return progress;
}
