/**
 * The helper thread of a rebuild by trust: it opens its own connections to the two files and walks
 * the trusts from the last one back (see `rebuildByTrust` and `walkFromEnd`). It posts a
 * `WalkProgress` after each commit, then `{ finished: WalkProgress }` when it has met the trusts the
 * calling thread took; an error ends the thread with that error.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@trustworks/event-store/adapters/sqlite/sqlite-event-store';
import { ProjectionDb } from '../store/projection-db';
import { Projector } from './projector';
import { TrustClaims, walkFromEnd, type WalkJob, type WalkProgress } from './rebuild-walk';

export interface HelperJob extends WalkJob {
  eventsPath: string;
  projectionsPath: string;
  /** The `TrustClaims` flags, shared with the calling thread. */
  claims: SharedArrayBuffer;
  /** The projections connection's busy timeout: the two threads' commits wait for each other. */
  busyTimeoutMs: number;
}

export type HelperMessage = WalkProgress | { finished: WalkProgress };

async function walkBack(job: HelperJob, port: NonNullable<typeof parentPort>): Promise<void> {
  const store = SqliteEventStore.open({ path: job.eventsPath });
  let db: ProjectionDb | undefined;
  try {
    db = ProjectionDb.open(job.projectionsPath);
    db.db.pragma(`busy_timeout = ${job.busyTimeoutMs}`);
    const claims = new TrustClaims(new Uint8Array(job.claims));
    const finished = await walkFromEnd(store, new Projector(store, db), job, claims, (progress) =>
      port.postMessage(progress satisfies HelperMessage),
    );
    port.postMessage({ finished } satisfies HelperMessage);
  } finally {
    db?.close();
    await store.close();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  // A rejection ends the thread with its error, which the calling thread's 'error' handler receives:
  // as a plain Error, since a copy of the driver's own error type would arrive without its message.
  walkBack(workerData as HelperJob, port).catch((error: unknown) => {
    throw new Error(error instanceof Error ? error.message : String(error));
  });
}
