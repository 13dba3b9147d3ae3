import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { seedTrustEvents } from '../testing/seed-events';
import { ProjectionDb } from '../store/projection-db';
import { catchUp } from './catch-up';
import { TRUST_READ_MODELS, Projector } from './projector';
import {
  REBUILD_BACK,
  REBUILD_FRONT,
  REBUILD_HEAD,
  REBUILD_TRUSTS_DONE_BEFORE,
  discardUnfinishedRebuild,
  rebuildByTrust,
  rebuildReadModels,
  type RebuildOptions,
} from './rebuild';

const TRUSTS = 9;
const PER_TRUST = 60;

/**
 * Real event-store and projection files, and a real helper thread; a rebuild by trust against a
 * catch-up in position order.
 */
describe('rebuildByTrust', () => {
  let dir: string;
  let eventsPath: string;
  let store: SqliteEventStore;
  const opened: ProjectionDb[] = [];

  const projector = (name: string) => {
    const db = ProjectionDb.open(join(dir, `${name}.sqlite`));
    opened.push(db);
    return new Projector(store, db);
  };

  /** The rows a catch-up in position order from zero gives over the whole store as it is now. */
  const reference = async (name: string) => {
    const whole = projector(name);
    await catchUp(store, whole);
    return whole.db.dump();
  };

  /**
   * A rebuild stopped (as by a crash) once `trustsDone` trusts are committed, one a batch, the helper
   * having committed the first (unless `options` say one thread). Returns how many trusts each end
   * had committed.
   */
  const stopAfter = async (rows: Projector, trustsDone: number, options: RebuildOptions = {}) => {
    const stop = new Error('stopped');
    await expect(
      rebuildByTrust(store, rows, {
        batchSize: 1,
        waitForHelper: true,
        ...options,
        onBatch: (p) => {
          if (p.trustsDone >= trustsDone) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    return { front: rows.db.checkpoint(REBUILD_FRONT) ?? 0, back: rows.db.checkpoint(REBUILD_BACK) ?? 0 };
  };

  /** The marks a finished rebuild leaves: none (only the checkpoint). */
  const marks = (rows: Projector) =>
    [REBUILD_HEAD, REBUILD_FRONT, REBUILD_BACK].map((m) => rows.db.checkpoint(m));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-rebuild-'));
    eventsPath = join(dir, 'events.sqlite');
    seedTrustEvents(eventsPath, TRUSTS, PER_TRUST);
    store = SqliteEventStore.open({ path: eventsPath });
  });

  afterEach(async () => {
    for (const db of opened.splice(0)) db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the rows a catch-up in position order writes, committing whole trusts at a time (one thread)', async () => {
    const rebuilt = projector('by-trust');
    const batches: Array<{ applied: number; trustsDone: number }> = [];
    const progress = await rebuildByTrust(store, rebuilt, {
      threads: 1,
      batchSize: 100,
      onBatch: (p) => batches.push({ applied: p.applied, trustsDone: p.trustsDone }),
    });

    expect(progress).toEqual({
      applied: TRUSTS * PER_TRUST,
      trustsDone: TRUSTS,
      trusts: TRUSTS,
      head: await store.headPosition(),
    });
    // 60 events a trust, at least 100 a batch: two trusts a batch, the last batch holding the ninth.
    expect(batches.map((b) => b.trustsDone)).toEqual([2, 4, 6, 8, 9]);
    expect(batches.map((b) => b.applied)).toEqual([120, 240, 360, 480, 540]);
    expect(rebuilt.position()).toBe(await store.headPosition());
    expect(marks(rebuilt)).toEqual([null, null, null]);
    expect(rebuilt.db.dump()).toEqual(await reference('reference'));
  });

  it('shares the trusts with a helper thread walking from the last one back; each trust is folded once', async () => {
    const rebuilt = projector('by-trust');
    const seen: Array<{ front: number | null; back: number | null; applied: number; trustsDone: number }> =
      [];
    const options: RebuildOptions = {
      threads: 2,
      batchSize: 1,
      waitForHelper: true,
      // The marks as each commit leaves them (this thread's connection sees the helper's commits).
      onBatch: (p) =>
        seen.push({
          front: rebuilt.db.checkpoint(REBUILD_FRONT),
          back: rebuilt.db.checkpoint(REBUILD_BACK),
          applied: p.applied,
          trustsDone: p.trustsDone,
        }),
    };
    const progress = await rebuildByTrust(store, rebuilt, options);

    expect(progress).toEqual({
      applied: TRUSTS * PER_TRUST,
      trustsDone: TRUSTS,
      trusts: TRUSTS,
      head: await store.headPosition(),
    });
    // One trust a batch, whichever end committed it: every count once, in order.
    expect(seen.map((s) => s.trustsDone)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.map((s) => s.applied)).toEqual(seen.map((s) => s.trustsDone * PER_TRUST));
    // The helper committed the last trust before this thread took any (how many each end took after
    // that is the scheduler's business); between them they committed every trust once.
    expect(seen[0].front).toBe(0);
    expect(seen[0].back).toBeGreaterThanOrEqual(1);
    const last = seen[seen.length - 1];
    expect((last.front ?? 0) + (last.back ?? 0)).toBe(TRUSTS);
    expect(marks(rebuilt)).toEqual([null, null, null]);
    expect(rebuilt.position()).toBe(await store.headPosition());
    expect(rebuilt.db.dump()).toEqual(await reference('reference'));
  });

  it('reads up to the head it began at and leaves later events to the catch-up after it', async () => {
    const rebuilt = projector('by-trust');
    const headAtStart = (await store.headPosition()) as number;
    let appended = false;
    const progress = await rebuildByTrust(store, rebuilt, {
      batchSize: 1,
      onBatch: () => {
        if (appended) return;
        appended = true;
        // 20 more events for each of the first four trusts, written by another connection mid-rebuild.
        seedTrustEvents(eventsPath, 4, 20, PER_TRUST);
      },
    });

    expect(progress.applied).toBe(TRUSTS * PER_TRUST);
    expect(rebuilt.position()).toBe(headAtStart);
    expect((await catchUp(store, rebuilt)).applied).toBe(4 * 20);
    expect(rebuilt.db.dump()).toEqual(await reference('reference'));
  });

  it('resumes after the last trust each end committed when it was stopped, applying no event twice', async () => {
    const rebuilt = projector('by-trust');
    const { front, back } = await stopAfter(rebuilt, 3);
    expect(rebuilt.position()).toBeNull();
    expect(back).toBeGreaterThan(0);
    // The helper may have committed more before it was stopped; each end's mark counts what it did.
    expect(front + back).toBeGreaterThanOrEqual(3);
    expect(rebuilt.db.dump().trusts).toHaveLength(front + back);

    // A new process: a new projector on the same file.
    const resumed = new Projector(store, rebuilt.db);
    const progress = await rebuildByTrust(store, resumed, { batchSize: 1 });
    expect(progress.applied).toBe((TRUSTS - front - back) * PER_TRUST);
    expect(progress.trustsDone).toBe(TRUSTS);
    expect(resumed.db.dump()).toEqual(await reference('reference'));
  });

  it('stops when the helper thread fails, keeps what each end committed, and resumes once it is mended', async () => {
    const rows = projector('by-trust');
    // The projections file refuses the last trust's row: the helper takes that trust first.
    rows.db.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON trusts WHEN NEW.trust_id = 'seed-${TRUSTS - 1}'
      BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`);

    await expect(rebuildByTrust(store, rows, { batchSize: 1, waitForHelper: true })).rejects.toThrow(
      'refused for the test',
    );
    expect(rows.position()).toBeNull();
    expect(rows.db.checkpoint(REBUILD_BACK)).toBe(0);
    const front = rows.db.checkpoint(REBUILD_FRONT) as number;
    expect(rows.db.dump().trusts).toHaveLength(front);

    rows.db.db.exec('DROP TRIGGER refuse');
    const progress = await rebuildByTrust(store, rows, { batchSize: 1 });
    expect(progress.applied).toBe((TRUSTS - front) * PER_TRUST);
    expect(rows.db.dump()).toEqual(await reference('reference'));
  });

  it('resumes a rebuild that an earlier build (one walk, one mark) stopped', async () => {
    const rows = projector('by-trust');
    expect(await stopAfter(rows, 4, { threads: 1 })).toEqual({ front: 4, back: 0 });
    // What that build left: the head and how many trusts it had committed from the first.
    rows.db.transaction(() => {
      rows.db.deleteCheckpoint(REBUILD_FRONT);
      rows.db.deleteCheckpoint(REBUILD_BACK);
      rows.db.setCheckpoint(REBUILD_TRUSTS_DONE_BEFORE, 4);
    });

    const progress = await rebuildByTrust(store, rows, { batchSize: 1 });
    expect(progress.applied).toBe((TRUSTS - 4) * PER_TRUST);
    expect(rows.db.checkpoint(REBUILD_TRUSTS_DONE_BEFORE)).toBeNull();
    expect(rows.db.dump()).toEqual(await reference('reference'));
  });

  it('refuses read models that are not empty, and writes nothing', async () => {
    const caughtUp = projector('caught-up');
    await catchUp(store, caughtUp);
    const before = caughtUp.db.dump();

    await expect(rebuildByTrust(store, caughtUp)).rejects.toThrow(
      'The read models are not empty: reset them before rebuilding them.',
    );
    expect(caughtUp.db.dump()).toEqual(before);
  });

  it('refuses to finish a rebuild whose read models also have a checkpoint, and writes nothing', async () => {
    const rows = projector('by-trust');
    await stopAfter(rows, 1);
    rows.db.setCheckpoint(TRUST_READ_MODELS, 7);
    const before = rows.db.dump();

    await expect(rebuildByTrust(store, rows)).rejects.toThrow(
      'The read models have both a checkpoint and an unfinished rebuild: reset them.',
    );
    expect(rows.db.dump()).toEqual(before);
  });

  it('lets the app drop an unfinished rebuild and catch up from the first event instead', async () => {
    const rows = projector('by-trust');
    await stopAfter(rows, 2);
    expect(discardUnfinishedRebuild(rows)).toBe(true);
    expect(rows.db.dump().trusts).toEqual([]);

    await catchUp(store, rows);
    expect(rows.db.dump()).toEqual(await reference('reference'));
    expect(discardUnfinishedRebuild(rows)).toBe(false);
  });

  it("finishes a stopped rebuild and then catches up, as the CLI's --resume does; once built, only catches up", async () => {
    const rows = projector('by-trust');
    const { front, back } = await stopAfter(rows, 4);
    seedTrustEvents(eventsPath, 3, 10, PER_TRUST);

    // The trusts not committed, then the 30 events written after the rebuild's head.
    expect(await rebuildReadModels(store, rows, { batchSize: 1 })).toBe(
      (TRUSTS - front - back) * PER_TRUST + 30,
    );
    expect(rows.db.dump()).toEqual(await reference('reference'));

    seedTrustEvents(eventsPath, 2, 5, PER_TRUST + 10);
    expect(await rebuildReadModels(store, rows)).toBe(10);
    expect(rows.db.dump()).toEqual(await reference('reference-2'));
  });
});
