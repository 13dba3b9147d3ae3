import type { EventStore, RecordedEvent } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import type { Projector } from './projector';

export interface CatchUpProgress {
  /** Events applied so far in this run. */
  applied: number;
  position: number;
}

/**
 * Reads the trust streams from the projection's checkpoint to the head in batches, applying each
 * batch with its checkpoint (for the rebuild CLI, the benchmark and tests; the app uses a live
 * subscription). Stop it at any point, even with SIGKILL: the next run resumes after the last batch.
 */
export async function catchUp(
  store: EventStore,
  projector: Projector,
  options: { batchSize?: number; onBatch?: (progress: CatchUpProgress) => void } = {},
): Promise<CatchUpProgress> {
  const batchSize = options.batchSize ?? 5000;
  const from = (projector.position() ?? -1) + 1;
  let batch: RecordedEvent[] = [];
  const progress: CatchUpProgress = { applied: 0, position: from - 1 };
  const flush = async () => {
    const last = batch[batch.length - 1];
    await projector.apply(batch, last.position);
    progress.applied += batch.length;
    progress.position = last.position;
    batch = [];
    options.onBatch?.(progress);
  };
  const filter = { streamPrefixes: [TRUST_STREAM_PREFIX] };
  for await (const event of store.readAll({ fromPosition: from, filter })) {
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return progress;
}
