import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { seedTrustEvents } from '../testing/seed-events';
import { ProjectionDb } from '../store/projection-db';
import { catchUp } from './catch-up';
import { Projector } from './projector';
import { collectAll } from '@trustworks/event-store/contract/test-events';

const TRUSTS = 12;
const PER_TRUST = 70;

/** Real event-store and projection files; every projection is compared with a one-batch rebuild. */
describe('Projector', () => {
  let dir: string;
  let store: SqliteEventStore;
  let reference: Record<string, unknown[]>;
  const opened: ProjectionDb[] = [];

  const projector = (name: string) => {
    const db = ProjectionDb.open(join(dir, `${name}.sqlite`));
    opened.push(db);
    return new Projector(store, db);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-projector-'));
    seedTrustEvents(join(dir, 'events.sqlite'), TRUSTS, PER_TRUST);
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const whole = projector('reference');
    await whole.apply(await collectAll(store.readAll()), (await store.headPosition()) as number);
    reference = whole.db.dump();
  });

  afterAll(async () => {
    for (const db of opened) db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('catching up', () => {
    it.each([1, 7, 33, 100_000])('writes the same rows in batches of %i as in one batch', async (size) => {
      const p = projector(`batches-${size}`);
      const progress = await catchUp(store, p, { batchSize: size });
      expect(progress.applied).toBe(TRUSTS * PER_TRUST);
      expect(p.db.dump()).toEqual(reference);
    });

    it('writes the same rows with its WAL checkpointed on a worker thread, and they survive reopening', async () => {
      const path = join(dir, 'background.sqlite');
      const db = ProjectionDb.open(path, { checkpointInBackground: true });
      expect(db.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await catchUp(store, new Projector(store, db), { batchSize: 50 });
      expect(db.dump()).toEqual(reference);
      await db.shutdown();
      // The thread's connection closed first, so the last close copied the WAL in and removed it.
      expect(existsSync(`${path}-wal`)).toBe(false);
      const reopened = ProjectionDb.open(path);
      opened.push(reopened);
      expect(reopened.dump()).toEqual(reference);
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('counts nothing twice when a batch it already committed is applied again', async () => {
      const p = projector('twice');
      const events = await collectAll(store.readAll());
      const middle = events[Math.floor(events.length / 2)].position;
      await p.apply(
        events.filter((e) => e.position <= middle),
        middle,
      );
      await p.apply(events, events[events.length - 1].position);
      expect(p.db.dump()).toEqual(reference);
    });

    it('resumes, with a fresh projector, from a checkpoint in the middle of every trust', async () => {
      const events = await collectAll(store.readAll());
      const first = projector('resumed');
      await first.apply(events.slice(0, 500), events[499].position);
      const second = new Projector(store, first.db);
      await catchUp(store, second, { batchSize: 64 });
      expect(second.db.dump()).toEqual(reference);
    });
  });

  describe('a batch that is not committed', () => {
    it('writes nothing when abandoned, and the next batch starts from the committed states', async () => {
      const p = projector('abandoned');
      const events = await collectAll(store.readAll());
      await p.apply(events.slice(0, 300), events[299].position);
      const before = p.db.dump();
      const batch = p.batch();
      for (const event of events.slice(300, 600)) await batch.add(event);
      batch.abandon();
      expect(p.db.dump()).toEqual(before);
      await catchUp(store, p, { batchSize: 250 });
      expect(p.db.dump()).toEqual(reference);
    });

    it('leaves the committed rows when its commit fails, and recovers on the next batch', async () => {
      const p = projector('failed');
      const events = await collectAll(store.readAll());
      await p.apply(events.slice(0, 300), events[299].position);
      const before = p.db.dump();
      const batch = p.batch();
      for (const event of events.slice(300, 600)) await batch.add(event);
      // Another connection holds the write lock past the busy timeout: the commit cannot happen.
      p.db.db.pragma('busy_timeout = 0');
      const blocker = ProjectionDb.open(join(dir, 'failed.sqlite'));
      opened.push(blocker);
      blocker.db.exec('BEGIN IMMEDIATE');
      expect(() => batch.commit(events[599].position)).toThrow();
      blocker.db.exec('ROLLBACK');
      expect(p.db.dump()).toEqual(before);
      await catchUp(store, p, { batchSize: 250 });
      expect(p.db.dump()).toEqual(reference);
    });
  });
});
