import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { map } from 'rxjs';
import {
  MemoryEventStore,
  SqliteEventStore,
  WrongExpectedRevisionError,
  type EventStore,
  type RecordedEvent,
} from '@trustworks/event-store';
import { eventStoreContract } from '@trustworks/event-store/contract/event-store.contract';
import {
  testEvent,
  testEvents,
  uniqueStream,
  collectAll,
} from '@trustworks/event-store/contract/test-events';
import { hashChained } from './hash-chained-store';
import { verifyChain } from './verify-chain';

function hideChain(event: RecordedEvent): RecordedEvent {
  const { hash: _hash, previousHash: _previous, ...metadata } = event.metadata;
  return { ...event, metadata: metadata as RecordedEvent['metadata'] };
}

/** The decorated store seen without its chain fields, so the port's round-trip promises can be checked. */
function chainHidden(store: EventStore): EventStore {
  async function* strip(events: AsyncIterable<RecordedEvent>) {
    for await (const event of events) yield hideChain(event);
  }
  return {
    kind: store.kind,
    appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
    readStream: (stream, options) => strip(store.readStream(stream, options)),
    readAll: (options) => strip(store.readAll(options)),
    subscribeToAll: (options) =>
      store
        .subscribeToAll(options)
        .pipe(map((m) => (m.type === 'event' ? { ...m, event: hideChain(m.event) } : m))),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

eventStoreContract('hash-chained memory', async () => {
  const store = hashChained(new MemoryEventStore());
  return { store: chainHidden(store), teardown: () => store.close() };
});

eventStoreContract('hash-chained sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-chain-contract-'));
  const store = hashChained(SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 }));
  return {
    store: chainHidden(store),
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('hashChained', () => {
  let store: EventStore;
  beforeEach(() => {
    store = hashChained(new MemoryEventStore());
  });
  afterEach(() => store.close());

  it('chains every event of a stream to the one before it, across appends', async () => {
    const stream = uniqueStream();
    await store.appendToStream(stream, testEvents(2), { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, testEvents(3), { expectedRevision: 1 });
    await store.appendToStream(stream, testEvents(1));
    const events = await collectAll(store.readStream(stream));
    expect(events[0].metadata.previousHash).toBeNull();
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i].metadata.previousHash).toBe(events[i - 1].metadata.hash);
    }
    expect(await verifyChain(events)).toEqual({ ok: true, checked: 6, firstBroken: null });
  });

  it('keeps a numeric expected revision: a stale one is refused, not retried', async () => {
    const stream = uniqueStream();
    await store.appendToStream(stream, testEvents(2));
    await expect(store.appendToStream(stream, [testEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.appendToStream(stream, [testEvent()], { expectedRevision: 5 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it("retries concurrent 'any' appends until each is chained", async () => {
    const stream = uniqueStream();
    await Promise.all(Array.from({ length: 6 }, () => store.appendToStream(stream, [testEvent()])));
    const events = await collectAll(store.readStream(stream));
    expect(events).toHaveLength(6);
    expect((await verifyChain(events)).ok).toBe(true);
  });

  it("replaces a caller's own hash fields with the chain's", async () => {
    const stream = uniqueStream();
    await store.appendToStream(stream, [testEvent('Forged', {}, { hash: 'forged', previousHash: 'forged' })]);
    const [event] = await collectAll(store.readStream(stream));
    expect(event.metadata.previousHash).toBeNull();
    expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers an idempotent retry with the original result and writes nothing', async () => {
    const stream = uniqueStream();
    const batch = testEvents(2);
    const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    expect(await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.appendToStream(stream, batch)).toEqual(first);
    const more = testEvents(1);
    const second = await store.appendToStream(stream, more, { expectedRevision: 1 });
    expect(await store.appendToStream(stream, more, { expectedRevision: 1 })).toEqual(second);
    expect(await collectAll(store.readStream(stream))).toHaveLength(3);
  });
});

describe('verifyChain on a tampered SQLite file', () => {
  it('names the altered event, and the next one when only the hash was rewritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustworks-chain-'));
    const path = join(dir, 'events.sqlite');
    const store = hashChained(SqliteEventStore.open({ path }));
    const stream = uniqueStream();
    await store.appendToStream(stream, testEvents(5));
    const db = new Database(path);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare(`UPDATE events SET data = '{"seq":99}' WHERE stream_id = ? AND revision = 2`).run(stream);
    const events = await collectAll(store.readStream(stream));
    const report = await verifyChain(events);
    expect(report).toEqual({
      ok: false,
      checked: 3,
      firstBroken: { revision: 2, eventId: events[2].id, reason: expect.stringMatching(/altered/) },
    });
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
