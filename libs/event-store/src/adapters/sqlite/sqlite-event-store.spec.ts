import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../port/event-store.port';
import { eventStoreContract } from '../../contract/event-store.contract';
import { reportsWritesContract } from '../../contract/reports-writes.contract';
import { testEvent, testEvents, uniqueStream, collectAll } from '../../contract/test-events';
import { SqliteEventStore } from './sqlite-event-store';

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'trustworks-sqlite-es-'));
}

/** Reads the file through a connection of its own, so the answer comes from disk, not the store. */
function inspect<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

eventStoreContract('sqlite', async () => {
  const dir = freshDir();
  const store = SqliteEventStore.open({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  return {
    store,
    teardown: async () => {
      try {
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
});

describe('SqliteEventStore on a file', () => {
  let dir: string;
  let path: string;
  const open: SqliteEventStore[] = [];
  const openStore = (options: Partial<Parameters<typeof SqliteEventStore.open>[0]> = {}) => {
    const store = SqliteEventStore.open({ path, ...options });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = freshDir();
    path = join(dir, 'nested', 'events.db');
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('opening', () => {
    it('creates the file, its folder and a schema version table', async () => {
      expect(existsSync(path)).toBe(false);
      await openStore().close();
      expect(existsSync(path)).toBe(true);
      const versions = inspect(path, (db) => {
        const table = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
          .get();
        expect(table).toBeDefined();
        return db.prepare('SELECT version FROM schema_version ORDER BY version').all() as {
          version: number;
        }[];
      });
      expect(versions.length).toBeGreaterThan(0);
      expect(versions[0].version).toBe(1);
    });

    it('leaves the file in WAL journal mode, as a fresh connection reads it', async () => {
      await openStore().close();
      expect(inspect(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    });

    it('runs its own connection with synchronous=FULL by default and NORMAL when asked', async () => {
      // synchronous is per connection and never stored in the file, so it is read from the store itself.
      const full = openStore();
      expect(full.settings()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
      await full.close();
      const normal = openStore({ synchronous: 'NORMAL' });
      expect(normal.settings().synchronous).toBe('NORMAL');
    });

    it('reopens an existing file without re-running its schema', async () => {
      await openStore().close();
      await openStore().close();
      const versions = inspect(path, (db) => db.prepare('SELECT version FROM schema_version').all());
      expect(versions).toHaveLength(1);
    });
  });

  describe('durability across close and reopen', () => {
    it('keeps every event, revision, position, data and metadata after close and reopen', async () => {
      const first = openStore();
      const stream = uniqueStream();
      await first.appendToStream(stream, testEvents(3), { expectedRevision: 'no_stream' });
      await first.appendToStream(`${stream}-other`, [testEvent('Other', { nested: { ü: [1, 2] } })]);
      const before: RecordedEvent[] = await collectAll(first.readAll());
      await first.close();

      const second = openStore();
      expect(await collectAll(second.readAll())).toEqual(before);
      expect(await second.headPosition()).toBe(before.at(-1)!.position);
      const result = await second.appendToStream(stream, [testEvent()], { expectedRevision: 2 });
      expect(result.nextRevision).toBe(3);
      expect(result.position).toBeGreaterThan(before.at(-1)!.position);
    });

    it("passes PRAGMA integrity_check ('ok') through the store and through a fresh connection", async () => {
      const store = openStore();
      for (let i = 0; i < 10; i++) await store.appendToStream(uniqueStream(), testEvents(5));
      expect(store.integrityCheck()).toBe('ok');
      await store.close();
      expect(inspect(path, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    });
  });

  describe('reading a stream synchronously', () => {
    it('gives what readStream gives, over several pages, in either direction, from a revision, up to a count', async () => {
      const store = openStore();
      const stream = uniqueStream();
      // 2,500 events: three pages of the store's 1,000.
      for (let i = 0; i < 5; i++) await store.appendToStream(stream, testEvents(500));
      await store.appendToStream(`${stream}-other`, testEvents(3));
      const cases = [
        {},
        { fromRevision: 999 },
        { maxCount: 1001 },
        { direction: 'backwards' as const },
        { direction: 'backwards' as const, fromRevision: 1500, maxCount: 1200 },
        { fromRevision: 2500 },
      ];
      for (const options of cases) {
        const sync = [...store.readStreamSync(stream, options)];
        expect(sync).toEqual(await collectAll(store.readStream(stream, options)));
      }
      expect([...store.readStreamSync(stream)].map((e) => e.revision)).toEqual(
        Array.from({ length: 2500 }, (_, i) => i),
      );
      expect([...store.readStreamSync(`${stream}-none`)]).toEqual([]);
    });
  });

  describe('stream names', () => {
    it('lists the streams with a prefix that have an event at or before a position, in name order', async () => {
      const store = openStore();
      await store.appendToStream('trust-b', testEvents(2));
      const { position: firstHead } = await store.appendToStream('other-a', testEvents(1));
      await store.appendToStream('trust-a', testEvents(1));
      await store.appendToStream('trust-b', testEvents(1));
      const head = (await store.headPosition()) as number;

      expect(store.streamNames('trust-', head)).toEqual(['trust-a', 'trust-b']);
      // trust-a's only event came after firstHead; trust-b had events before it.
      expect(store.streamNames('trust-', firstHead)).toEqual(['trust-b']);
      expect(store.streamNames('trust-%', head)).toEqual([]);
      expect(store.streamNames('none-', head)).toEqual([]);
    });
  });

  describe('group commit', () => {
    it('commits 50 concurrent appends to different streams, each with its own distinct position', async () => {
      const store = openStore();
      const streams = Array.from({ length: 50 }, (_, i) => `group-${i}`);
      const settled = await Promise.allSettled(
        streams.map((s) => store.appendToStream(s, [testEvent()], { expectedRevision: 'no_stream' })),
      );
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
      const positions = settled.map((s) => (s.status === 'fulfilled' ? s.value.position : NaN));
      expect(new Set(positions).size).toBe(50);
      const all = await collectAll(store.readAll());
      expect(all).toHaveLength(50);
      expect(all.map((e) => e.position).sort((a, b) => a - b)).toEqual([...positions].sort((a, b) => a - b));
    });

    it('fails only the conflicting append of a group, and commits the others', async () => {
      const store = openStore();
      await store.appendToStream('taken', [testEvent()], { expectedRevision: 'no_stream' });
      const settled = await Promise.allSettled([
        store.appendToStream('free-1', [testEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('taken', [testEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream('free-2', testEvents(2), { expectedRevision: 'no_stream' }),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await collectAll(store.readAll())).toHaveLength(4);
    });

    it('commits an append made while the last group is answered in the same turn, not the next', async () => {
      const store = openStore();
      const order: string[] = [];
      const first = store.appendToStream('chained', [testEvent()], { expectedRevision: 'no_stream' });
      const second = first.then((written) => {
        // Scheduled now, it runs in the next turn of the event loop: the second commit must come first.
        setImmediate(() => order.push('next turn'));
        return store
          .appendToStream('chained', [testEvent()], { expectedRevision: written.nextRevision })
          .then((result) => {
            order.push('second committed');
            return result;
          });
      });
      expect((await second).nextRevision).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(order).toEqual(['second committed', 'next turn']);
      expect((await collectAll(store.readStream('chained'))).map((e) => e.revision)).toEqual([0, 1]);
    });
  });

  reportsWritesContract('sqlite', () => openStore());

  describe('other connections on the same file', () => {
    it('delivers to a live subscriber the events another connection appends', async () => {
      const reader = openStore({ pollIntervalMs: 20 });
      const writer = openStore();
      const event = testEvent();
      const seen = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('no event from the other connection within 5 s')),
          5000,
        );
        const sub = reader.subscribeToAll({ fromPosition: 'end' }).subscribe((m) => {
          if (m.type !== 'event') return;
          clearTimeout(timer);
          sub.unsubscribe();
          resolve(m.event.id);
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writer.appendToStream(uniqueStream(), [event]);
      expect(await seen).toBe(event.id);
    });

    it("reads another connection's appends past a stream's last revision this store knew", async () => {
      const store = openStore();
      const other = openStore();
      const stream = uniqueStream();
      await store.appendToStream(stream, testEvents(2));
      // Known from its own append, then from reading to the end.
      expect(await collectAll(store.readStream(stream, { fromRevision: 2 }))).toEqual([]);
      await other.appendToStream(stream, testEvents(3), { expectedRevision: 1 });
      const after = await collectAll(store.readStream(stream, { fromRevision: 2 }));
      expect(after.map((e) => e.revision)).toEqual([2, 3, 4]);
      // Learnt from that read; a raw connection (a CLI) then writes behind both stores' backs.
      expect(await collectAll(store.readStream(stream, { fromRevision: 5 }))).toEqual([]);
      const raw = new Database(path);
      try {
        raw
          .prepare(
            'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(stream, 5, '7f1d9c0e-8a51-4b7e-9a38-3c5e2f6d4b01', 'RawWrite', '{}', '{}');
      } finally {
        raw.close();
      }
      const raw5 = await collectAll(store.readStream(stream, { fromRevision: 5 }));
      expect(raw5.map((e) => [e.revision, e.type])).toEqual([[5, 'RawWrite']]);
      await store.appendToStream(stream, testEvents(1), { expectedRevision: 5 });
      expect((await collectAll(store.readStream(stream))).map((e) => e.revision)).toEqual([
        0, 1, 2, 3, 4, 5, 6,
      ]);
    });

    it('answers a read past the last revision it wrote or read without querying the file', async () => {
      const store = openStore();
      const stream = uniqueStream();
      const queries = jest.spyOn(
        (store as unknown as { sql: { streamPage: (...args: unknown[]) => unknown } }).sql,
        'streamPage',
      );
      await store.appendToStream(stream, testEvents(3));
      expect(await collectAll(store.readStream(stream, { fromRevision: 3 }))).toEqual([]);
      expect(queries).not.toHaveBeenCalled();
      // Backwards reads, and forward reads at or before the last revision, still query.
      expect(
        (await collectAll(store.readStream(stream, { fromRevision: 2 }))).map((e) => e.revision),
      ).toEqual([2]);
      expect(
        await collectAll(store.readStream(stream, { direction: 'backwards', maxCount: 1 })),
      ).toHaveLength(1);
      expect(queries).toHaveBeenCalledTimes(2);
      // A stream this store never touched is read from the file.
      const unknown = uniqueStream();
      expect(await collectAll(store.readStream(unknown, { fromRevision: 4 }))).toEqual([]);
      expect(queries).toHaveBeenCalledTimes(3);
    });
  });
});
