import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore, SqliteEventStore, type RecordedEvent } from '@trustworks/event-store';
import {
  testEvent,
  testEvents,
  uniquePrefix,
  collectAll,
} from '@trustworks/event-store/contract/test-events';
import { migrateStore } from '../scripts/migrate-sqlite-to-esdb';
import { EsdbStandInServer } from './esdb/esdb-stand-in-server';

const withoutPosition = ({ position: _position, ...rest }: RecordedEvent) => rest;

describe('migrate:sqlite-to-esdb into the EventStoreDB stand-in', () => {
  let dir: string;
  let server: EsdbStandInServer;
  let source: SqliteEventStore;
  let target: EsdbEventStore;
  const prefix = uniquePrefix('trust');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-migrate-'));
    server = await EsdbStandInServer.start();
    source = SqliteEventStore.open({ path: join(dir, 'trustworks.sqlite') });
    for (let round = 0; round < 5; round++) {
      for (let s = 0; s < 8; s++)
        await source.appendToStream(`${prefix}-${s}`, testEvents(1 + ((round + s) % 3)));
    }
    await source.appendToStream(`${prefix}-meta`, [
      testEvent(
        'MetadataKept',
        { nested: { ü: [1, null] } },
        { actor: 'system:reminders', hash: 'sha256:ab', chain: { index: 3 } },
      ),
    ]);
    target = EsdbEventStore.connect({ connectionString: server.connectionString });
  });

  afterAll(async () => {
    await source.close();
    await target.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every stream with its ids, order, revisions, data and metadata, and passes the count check', async () => {
    const report = await migrateStore(source, target, { batchSize: 7 });
    const original = await collectAll(source.readAll());
    expect(report).toEqual({ streams: 9, copied: original.length, skipped: 0, mismatches: [] });
    const copy = await collectAll(target.readAll({ filter: { streamPrefixes: [prefix] } }));
    expect(copy.map(withoutPosition)).toEqual(original.map(withoutPosition));
    for (let i = 1; i < copy.length; i++) expect(copy[i].position).toBeGreaterThan(copy[i - 1].position);
  });

  it('copies nothing when run again, and only the new events after the source grew', async () => {
    const again = await migrateStore(source, target);
    expect(again.copied).toBe(0);
    expect(again.mismatches).toEqual([]);
    const more = testEvents(3);
    await source.appendToStream(`${prefix}-2`, more);
    const third = await migrateStore(source, target);
    expect(third.copied).toBe(3);
    const tail = await collectAll(target.readStream(`${prefix}-2`, { direction: 'backwards', maxCount: 3 }));
    expect(tail.map((e) => e.id).reverse()).toEqual(more.map((e) => e.id));
  });
});
