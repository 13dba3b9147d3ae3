/**
 * One thread's share of a rebuild by trust (see `rebuildByTrust`): it walks the trusts from one end
 * of the name order toward the other. The calling thread walks from the first trust, a helper thread
 * from the last; each takes a trust before reading it, so no trust is folded twice, and each stops
 * where it meets a trust the other took. Imported by the helper thread's entry too, so it loads no
 * more than a walk needs (no Nest module).
 */
import type { EventStore, Position, ReadStreamOptions, RecordedEvent } from '@trustworks/event-store';
import { TRUST_READ_MODELS, type Projector } from './projector';

/** A store a rebuild by trust can read (the embedded SQLite store is one). */
export interface StreamListingStore extends EventStore {
  /** The file (':memory:' for none): a helper thread opens its own connection to it. */
  readonly path: string;
  /** The streams starting with `prefix` that have an event at or before `upTo`, in name order. */
  streamNames(prefix: string, upTo: Position): string[];
  /** `readStream` without an await for each event. */
  readStreamSync(stream: string, options?: ReadStreamOptions): Iterable<RecordedEvent>;
}

/** The head a rebuild in progress reads up to, kept beside the checkpoint until the rebuild ends. */
export const REBUILD_HEAD = `${TRUST_READ_MODELS}:rebuild-head`;
/** How many trusts, from the first in name order on, a rebuild in progress has committed. */
export const REBUILD_FRONT = `${TRUST_READ_MODELS}:rebuild-front`;
/** How many trusts, from the last in name order back, a rebuild in progress has committed. */
export const REBUILD_BACK = `${TRUST_READ_MODELS}:rebuild-back`;

/**
 * The one mark of a rebuild stopped by a build before this one (a single walk from the first trust):
 * read as `REBUILD_FRONT` when that is absent, so such a rebuild resumes too.
 */
export const REBUILD_TRUSTS_DONE_BEFORE = `${TRUST_READ_MODELS}:rebuild-trusts-done`;

/** Which end of the name order a walk starts from. */
export type RebuildEnd = 'front' | 'back';

/** A flag's values: free, taken by one end in this run, or committed by an earlier run. */
const FREE = 0;
const TAKEN_BY: Record<RebuildEnd, number> = { front: 1, back: 2 };
const COMMITTED_BEFORE = 3;

/**
 * One flag a trust (by its index in name order), set by the end that takes it. Backed by a
 * SharedArrayBuffer, so the two walking threads see the same flags; taking is one atomic
 * compare-and-swap, so two threads never both take a trust.
 */
export class TrustClaims {
  constructor(readonly flags: Uint8Array) {}

  /** `count` trusts, of which the first `front` and the last `back` are already committed. */
  static create(count: number, front: number, back: number): TrustClaims {
    const flags = new Uint8Array(new SharedArrayBuffer(Math.max(count, 1)));
    flags.fill(COMMITTED_BEFORE, 0, Math.min(front, count));
    flags.fill(COMMITTED_BEFORE, Math.max(count - back, 0), count);
    return new TrustClaims(flags);
  }

  /** True if `end` now has the trust; false if it had already been taken. */
  take(index: number, end: RebuildEnd): boolean {
    return Atomics.compareExchange(this.flags, index, FREE, TAKEN_BY[end]) === FREE;
  }

  /** Whether `end` has taken any trust in this run. */
  takenBy(end: RebuildEnd): boolean {
    for (let i = 0; i < this.flags.length; i += 1) {
      if (Atomics.load(this.flags, i) === TAKEN_BY[end]) return true;
    }
    return false;
  }
}

export interface WalkJob {
  /** The trust streams with an event at or before `head`, in name order (`streamNames`). */
  streams: readonly string[];
  head: Position;
  end: RebuildEnd;
  /** How many trusts this end has already committed (its mark). */
  done: number;
  /** A batch ends at the first whole trust that brings it to this many events. */
  batchSize: number;
}

/** What a walk has done in this run: events applied, and its end's mark (trusts committed from it). */
export interface WalkProgress {
  applied: number;
  done: number;
}

/**
 * Walks from `job.end`, taking each next trust in `claims` until one is already taken (by the other
 * end, now or in a run before): reads the trust's stream up to the head, folds it, and commits whole
 * trusts at least `batchSize` events at a time, each batch with this end's mark (`REBUILD_FRONT` or
 * `REBUILD_BACK`) in the same transaction, then forgets their states. `committed` is told after
 * each commit (a thrown error, or a rejected promise, stops the walk; what was committed stays).
 */
export async function walkFromEnd(
  store: StreamListingStore,
  projector: Projector,
  job: WalkJob,
  claims: TrustClaims,
  committed: (progress: WalkProgress) => void | Promise<void>,
): Promise<WalkProgress> {
  const { streams, head, end, batchSize } = job;
  const mark = end === 'front' ? REBUILD_FRONT : REBUILD_BACK;
  const indexOf = (n: number) => (end === 'front' ? n : streams.length - 1 - n);
  const progress: WalkProgress = { applied: 0, done: job.done };
  let batch = projector.batch();
  let count = 0;
  let done = job.done;
  const commit = async () => {
    batch.commit(null, { [mark]: done });
    batch = projector.batch();
    progress.applied += count;
    progress.done = done;
    count = 0;
    // Every trust folded so far was read to the head and is written: none is needed again.
    projector.forgetStates();
    await committed({ ...progress });
  };
  try {
    while (done < streams.length && claims.take(indexOf(done), end)) {
      for (const event of store.readStreamSync(streams[indexOf(done)])) {
        if (event.position > head) break;
        const loading = batch.add(event);
        if (loading) await loading;
        count += 1;
      }
      done += 1;
      if (count >= batchSize) await commit();
    }
    if (done > progress.done) await commit();
  } catch (error) {
    batch.abandon();
    throw error;
  }
  return progress;
}
