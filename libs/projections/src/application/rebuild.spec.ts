import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { seedTrustEvents } from '../testing/seed-events';
import { ProjectionDb } from '../store/projection-db';
import { catchUp } from './catch-up';
import { TRUST_READ_MODELS, Projector } from './projector';
import {
  REBUILD_HEAD,
  REBUILD_TRUSTS_DONE,
  discardUnfinishedRebuild,
  rebuildByTrust,
  rebuildReadModels,
} from './rebuild';

const TRUSTS = 9;
const PER_TRUST = 60;

/** Real event-store and projection files; a rebuild by trust against a catch-up in position order. */
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

  /** A rebuild stopped (as by a crash) when its `trustsDone`-th trust is committed. */
  const stopAfter = async (rows: Projector, trustsDone: number) => {
    const stop = new Error('stopped');
    await expect(
      rebuildByTrust(store, rows, {
        batchSize: 1,
        onBatch: (p) => {
          if (p.trustsDone === trustsDone) throw stop;
        },
      }),
    ).rejects.toBe(stop);
  };

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

  it('writes the rows a catch-up in position order writes, committing whole trusts at a time', async () => {
    const rebuilt = projector('by-trust');
    const batches: Array<{ applied: number; trustsDone: number }> = [];
    const progress = await rebuildByTrust(store, rebuilt, {
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
    expect(rebuilt.db.checkpoint(REBUILD_HEAD)).toBeNull();
    expect(rebuilt.db.checkpoint(REBUILD_TRUSTS_DONE)).toBeNull();
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

  it('resumes after the last trust it committed when it was stopped, applying no event twice', async () => {
    const rebuilt = projector('by-trust');
    await stopAfter(rebuilt, 3);
    expect(rebuilt.position()).toBeNull();
    expect(rebuilt.db.checkpoint(REBUILD_TRUSTS_DONE)).toBe(3);

    // A new process: a new projector on the same file.
    const resumed = new Projector(store, rebuilt.db);
    const progress = await rebuildByTrust(store, resumed, { batchSize: 1 });
    expect(progress.applied).toBe((TRUSTS - 3) * PER_TRUST);
    expect(resumed.db.dump()).toEqual(await reference('reference'));
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
    await stopAfter(rows, 4);
    seedTrustEvents(eventsPath, 3, 10, PER_TRUST);

    // The five trusts not committed, then the 30 events written after the rebuild's head.
    expect(await rebuildReadModels(store, rows, { batchSize: 1 })).toBe((TRUSTS - 4) * PER_TRUST + 30);
    expect(rows.db.dump()).toEqual(await reference('reference'));

    seedTrustEvents(eventsPath, 2, 5, PER_TRUST + 10);
    expect(await rebuildReadModels(store, rows)).toBe(10);
    expect(rows.db.dump()).toEqual(await reference('reference-2'));
  });
});
