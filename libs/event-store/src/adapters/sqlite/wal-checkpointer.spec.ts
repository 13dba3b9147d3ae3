import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEvents, uniqueStream } from '../../contract/test-events';
import { SqliteEventStore } from './sqlite-event-store';

const PAD = 'x'.repeat(2000);

/** Appends `batches` appends of 50 events of about 2 kB each, one after another. */
async function fill(store: SqliteEventStore, batches: number): Promise<number> {
  let events = 0;
  for (let i = 0; i < batches; i += 1) {
    const batch = testEvents(50).map((e) => ({ ...e, data: { ...e.data, pad: PAD } }));
    await store.appendToStream(uniqueStream('wal'), batch);
    events += batch.length;
  }
  return events;
}

/** Waits for a checkpoint that copied the whole WAL (one may run while commits still come). */
async function fullCheckpoint(store: SqliteEventStore): Promise<void> {
  for (let tries = 0; tries < 50; tries += 1) {
    const report = await store.checkpointer!.nextCheckpoint();
    if (report && report.busy === 0 && report.checkpointed === report.log) return;
  }
  throw new Error('no checkpoint copied the whole WAL in 50 tries');
}

describe('background WAL checkpoints (a worker thread on a real SQLite file)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-wal-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the whole WAL into the database file on the worker thread', async () => {
    const store = SqliteEventStore.open({ path, checkpointInBackground: true });
    try {
      expect(store.checkpointer).toBeDefined();
      await fill(store, 40); // about 4 MB, past SQLite's own 1,000-page trigger
      await fullCheckpoint(store);
      const { completed, last } = store.checkpointer!.status();
      expect(completed).toBeGreaterThan(0);
      expect(last).toMatchObject({ busy: 0 });
      expect(last!.checkpointed).toBe(last!.log);
      // The database file itself (not just its WAL) now holds what was written.
      expect(statSync(path).size).toBeGreaterThan(4_000_000);
    } finally {
      await store.close();
    }
  });

  it('keeps the WAL from growing without end while commits keep coming', async () => {
    const store = SqliteEventStore.open({ path, checkpointInBackground: true });
    const walSizes: number[] = [];
    try {
      for (let round = 0; round < 20; round += 1) {
        await fill(store, 10); // about 2.6 MB of WAL frames (rows and index pages)
        await fullCheckpoint(store);
        walSizes.push(statSync(`${path}-wal`).size);
      }
      // About 50 MB of frames in all. Once a checkpoint has copied the WAL, the next commit writes it
      // from its start again (unless that commit meets a checkpoint still running; then the one after),
      // so the file stays at a round or two, never near the total.
      expect(Math.max(...walSizes)).toBeLessThan(15_000_000);
    } finally {
      await store.close();
    }
  });

  it('truncates the WAL on the store connection once it holds more frames than allowed', async () => {
    const store = SqliteEventStore.open({ path, checkpointInBackground: true, truncateWalAfterFrames: 300 });
    const walSizes: number[] = [];
    try {
      for (let round = 0; round < 20; round += 1) {
        await fill(store, 10); // about 650 frames, over the limit
        await store.checkpointer!.nextCheckpoint(); // reports it: the next commit truncates
        walSizes.push(statSync(`${path}-wal`).size);
      }
      expect(store.checkpointer!.status().truncations).toBeGreaterThanOrEqual(10);
      // About 50 MB of frames in all; truncated every round or so, the file never holds much more than a round.
      expect(Math.max(...walSizes)).toBeLessThan(8_000_000);
    } finally {
      await store.close();
    }
  });

  it('never holds a commit waiting for a reader that keeps an old snapshot open', async () => {
    const store = SqliteEventStore.open({ path, checkpointInBackground: true, truncateWalAfterFrames: 300 });
    // Another process reading (a backup, a second API): its snapshot keeps the WAL from truncating.
    const reader = new Database(path, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM events').pluck().get();
      await fill(store, 10);
      await store.checkpointer!.nextCheckpoint(); // reports the WAL past the limit
      const started = Date.now();
      await fill(store, 5); // each commit may try to truncate: busy at once, never the 5 s timeout
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(store.checkpointer!.status().truncations).toBe(0);
      reader.exec('COMMIT');
      for (let i = 0; i < 20 && store.checkpointer!.status().truncations === 0; i += 1) {
        await fill(store, 1);
        await store.checkpointer!.nextCheckpoint();
      }
      expect(store.checkpointer!.status().truncations).toBeGreaterThan(0);
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('goes back to SQLite’s own checkpoints, and says so, when the thread dies', async () => {
    const problems: string[] = [];
    const store = SqliteEventStore.open({
      path,
      checkpointInBackground: true,
      onProblem: (message) => problems.push(message),
    });
    try {
      const db = (store as unknown as { db: Database.Database }).db;
      await (
        store.checkpointer as unknown as { worker: { terminate(): Promise<number> } }
      ).worker.terminate();
      for (let i = 0; i < 50 && problems.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(problems.join('\n')).toMatch(
        /checkpoint thread exited.*checkpoints on its own connection again/,
      );
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      await fill(store, 40);
      expect(statSync(path).size).toBeGreaterThan(2_000_000);
    } finally {
      await store.close();
    }
  });

  it('without it, a commit past 1,000 pages checkpoints as SQLite does by default', async () => {
    const store = SqliteEventStore.open({ path });
    try {
      expect(store.checkpointer).toBeUndefined();
      await fill(store, 40);
      // SQLite's own checkpoints ran inside the commits: the file holds most of the data already.
      expect(statSync(path).size).toBeGreaterThan(2_000_000);
    } finally {
      await store.close();
    }
  });

  it('loses nothing with the thread at work: every event is read back after close and reopen, and the file is sound', async () => {
    const store = SqliteEventStore.open({ path, checkpointInBackground: true });
    const written = await fill(store, 30);
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(written);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('turns the store connection’s own checkpoints off, and hands them back when stopped', async () => {
    const store = SqliteEventStore.open({ path, checkpointInBackground: true });
    try {
      const pages = () =>
        (store as unknown as { db: Database.Database }).db.pragma('wal_autocheckpoint', { simple: true });
      expect(pages()).toBe(0);
      await store.checkpointer!.stop();
      expect(pages()).toBe(1000);
    } finally {
      await store.close();
    }
  });
});
