import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MemoryEventStore,
  SqliteEventStore,
  WrongExpectedRevisionError,
  type EventStore,
} from '@trustworks/event-store';
import {
  testEvent,
  testEvents,
  uniqueStream,
  collectAll,
} from '@trustworks/event-store/contract/test-events';
import { HashChainedEventStore, hashChained } from './hash-chained-store';
import { verifyChain } from './verify-chain';

/**
 * The decorator remembers each stream's tail, so its next append needs no read. Here two writers,
 * each with its own connection and its own cache (as two processes would have), share one file; the
 * second always writes behind the first one's back.
 */
describe('hash chain tail cache, two writers on one SQLite file', () => {
  let dir: string;
  let first: EventStore;
  let second: EventStore;
  let stream: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-chain-cache-'));
    const path = join(dir, 'events.sqlite');
    first = hashChained(SqliteEventStore.open({ path }));
    second = hashChained(SqliteEventStore.open({ path }));
    stream = uniqueStream();
  });

  afterEach(async () => {
    await first.close();
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const verified = async () => verifyChain(await collectAll(first.readStream(stream)));

  it("chains to the other writer's events when it appended behind the cache's back", async () => {
    await first.appendToStream(stream, testEvents(2), { expectedRevision: 'no_stream' });
    await second.appendToStream(stream, testEvents(3));
    await first.appendToStream(stream, [testEvent()]);
    await second.appendToStream(stream, [testEvent()], { expectedRevision: 5 });
    await first.appendToStream(stream, testEvents(2), { expectedRevision: 'stream_exists' });
    expect(await verified()).toEqual({ ok: true, checked: 9, firstBroken: null });
  });

  it('accepts a revision the cache has not seen yet, when the stream really is there', async () => {
    await first.appendToStream(stream, testEvents(2), { expectedRevision: 'no_stream' });
    await second.appendToStream(stream, [testEvent()], { expectedRevision: 1 });
    const result = await first.appendToStream(stream, [testEvent()], { expectedRevision: 2 });
    expect(result.nextRevision).toBe(3);
    expect(await verified()).toEqual({ ok: true, checked: 4, firstBroken: null });
  });

  it('still refuses a stale expected revision, naming the real one', async () => {
    await first.appendToStream(stream, testEvents(2), { expectedRevision: 'no_stream' });
    await second.appendToStream(stream, [testEvent()], { expectedRevision: 1 });
    const refused = first.appendToStream(stream, [testEvent()], { expectedRevision: 1 });
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(refused).rejects.toMatchObject({ actual: 2 });
    expect(await verified()).toEqual({ ok: true, checked: 3, firstBroken: null });
  });

  it('does not take the hashes of a retry it did not write for the tail', async () => {
    await first.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' });
    const original = testEvent('Original', { value: 'as the other writer stored it' });
    const stored = await second.appendToStream(stream, [original], { expectedRevision: 0 });
    // The same id at the same place, with other content: answered as a retry, nothing written.
    const retry = { ...original, data: { value: 'as this writer would have hashed it' } };
    expect(await first.appendToStream(stream, [retry], { expectedRevision: 0 })).toEqual(stored);
    await first.appendToStream(stream, [testEvent()]);
    await first.appendToStream(stream, [testEvent()], { expectedRevision: 2 });
    const events = await collectAll(first.readStream(stream));
    expect(events[1].data).toEqual({ value: 'as the other writer stored it' });
    expect(await verifyChain(events)).toEqual({ ok: true, checked: 4, firstBroken: null });
  });

  it("refuses 'no_stream' for a stream another writer created, and answers its retry", async () => {
    const created = testEvents(2);
    const result = await second.appendToStream(stream, created, { expectedRevision: 'no_stream' });
    await expect(
      first.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await first.appendToStream(stream, created, { expectedRevision: 'no_stream' })).toEqual(result);
    await first.appendToStream(stream, [testEvent()]);
    expect(await verified()).toEqual({ ok: true, checked: 3, firstBroken: null });
  });

  it('keeps one chain when both writers append concurrently', async () => {
    await first.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? first : second).appendToStream(stream, [testEvent()]),
      ),
    );
    expect(await verified()).toEqual({ ok: true, checked: 13, firstBroken: null });
  });
});

/** The port alone, as the EventStoreDB adapter offers it: no `appendReportingWrite`. */
function portOnly(inner: EventStore): EventStore {
  return {
    kind: inner.kind,
    appendToStream: (stream, events, options) => inner.appendToStream(stream, events, options),
    readStream: (stream, options) => inner.readStream(stream, options),
    readAll: (options) => inner.readAll(options),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
}

describe('hash chain over a store that cannot say whether it wrote', () => {
  it('reports nothing as written, and still chains every append', async () => {
    const store = new HashChainedEventStore(portOnly(new MemoryEventStore()));
    const stream = uniqueStream();
    const first = await store.appendReportingWrite(stream, testEvents(2), { expectedRevision: 'no_stream' });
    expect(first.written).toBe(false);
    await store.appendToStream(stream, [testEvent()], { expectedRevision: 1 });
    await store.appendToStream(stream, [testEvent()]);
    expect(await verifyChain(await collectAll(store.readStream(stream)))).toEqual({
      ok: true,
      checked: 4,
      firstBroken: null,
    });
    await store.close();
  });
});
