import type { Subscription } from 'rxjs';
import { EsdbEventStore, type SubscriptionMessage } from '@trustworks/event-store';
import { testEvents, uniquePrefix } from '@trustworks/event-store/contract/test-events';
import { EsdbStandInServer } from './esdb/esdb-stand-in-server';

/** Waits, with a deadline, until `done` holds for the messages received so far. */
function waitUntil(
  messages: SubscriptionMessage[],
  done: (m: SubscriptionMessage[]) => boolean,
  ms = 15_000,
) {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (done(messages)) {
        clearInterval(tick);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(tick);
        reject(new Error(`not reached within ${ms} ms; got ${messages.length} message(s)`));
      }
    }, 20);
  });
}

const eventIds = (messages: SubscriptionMessage[]) =>
  messages.flatMap((m) => (m.type === 'event' ? [m.event.id] : []));

describe('esdb adapter when the EventStoreDB stand-in restarts', () => {
  let server: EsdbStandInServer;
  let store: EsdbEventStore;
  let writer: EsdbEventStore;
  let subscription: Subscription | undefined;

  beforeEach(async () => {
    server = await EsdbStandInServer.start();
    store = EsdbEventStore.connect({
      connectionString: server.connectionString,
      retry: { initialMs: 50, maxMs: 500 },
    });
    writer = EsdbEventStore.connect({ connectionString: server.connectionString });
  });

  afterEach(async () => {
    subscription?.unsubscribe();
    await Promise.all([store.close(), writer.close()]);
    await server.stop();
  });

  it('resumes a live subscription from its checkpoint: nothing missed, nothing doubled', async () => {
    const prefix = uniquePrefix();
    const before = testEvents(20);
    await writer.appendToStream(`${prefix}-a`, before);
    const messages: SubscriptionMessage[] = [];
    const errors: unknown[] = [];
    subscription = store
      .subscribeToAll({ filter: { streamPrefixes: [prefix] } })
      .subscribe({ next: (m) => messages.push(m), error: (e) => errors.push(e) });
    await waitUntil(messages, (m) => m.some((x) => x.type === 'caughtUp'));

    await server.stop();
    await expect(writer.appendToStream(`${prefix}-a`, testEvents(1))).rejects.toMatchObject({
      code: 'EVENT_STORE.UNAVAILABLE',
    });
    await server.restart();
    // Written while the subscriber is still reconnecting, then after: both must arrive once.
    const during = testEvents(15);
    await writer.appendToStream(`${prefix}-b`, during);
    const after = testEvents(10);
    await writer.appendToStream(`${prefix}-c`, after);

    await waitUntil(messages, (m) => eventIds(m).includes(after[9].id));
    expect(errors).toEqual([]);
    expect(eventIds(messages)).toEqual([...before, ...during, ...after].map((e) => e.id));
    expect(messages.filter((m) => m.type === 'caughtUp')).toHaveLength(1);
  });

  it('serves reads and appends again once the server is back', async () => {
    const stream = `${uniquePrefix()}-s`;
    await writer.appendToStream(stream, testEvents(2), { expectedRevision: 'no_stream' });
    await server.restart();
    const result = await writer.appendToStream(stream, testEvents(1), { expectedRevision: 1 });
    expect(result.nextRevision).toBe(2);
  });
});
