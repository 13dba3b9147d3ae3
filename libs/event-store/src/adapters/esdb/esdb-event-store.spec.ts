import { EsdbStandInServer } from '../../../../../test/esdb/esdb-stand-in-server';
import { eventStoreContract } from '../../contract/event-store.contract';
import { testEvent, testEvents, uniqueStream, collectAll } from '../../contract/test-events';
import type { RecordedEvent } from '../../port/event-store.port';
import { EsdbEventStore } from './esdb-event-store';

let server: EsdbStandInServer;
beforeAll(async () => {
  server = await EsdbStandInServer.start();
});
afterAll(() => server.stop());

eventStoreContract('esdb, against the EventStoreDB stand-in', async () => {
  const store = EsdbEventStore.connect({ connectionString: server.connectionString, pageSize: 200 });
  return { store, teardown: () => store.close() };
});

describe('EsdbEventStore against the EventStoreDB stand-in', () => {
  let store: EsdbEventStore;
  beforeEach(() => {
    store = EsdbEventStore.connect({ connectionString: server.connectionString });
  });
  afterEach(() => store.close());

  it('keeps system records ($-prefixed streams and types) out of readAll and the head', async () => {
    const all: RecordedEvent[] = await collectAll(store.readAll());
    expect(all.some((e) => e.stream.startsWith('$') || e.type.startsWith('$'))).toBe(false);
    expect(server.log.records.some((r) => r.stream.startsWith('$'))).toBe(true);
  });

  it('stores the event as application/json with our metadata as its custom metadata', async () => {
    const stream = uniqueStream();
    const event = testEvent('Stored', { a: 1 });
    await store.appendToStream(stream, [event]);
    const [record] = server.log.readStream(stream)!;
    expect(record.contentType).toBe('application/json');
    expect(JSON.parse(record.customMetadata.toString('utf8'))).toEqual(event.metadata);
    expect(JSON.parse(record.data.toString('utf8'))).toEqual({ a: 1 });
  });

  it('maps positions to the commit position of the log record', async () => {
    const stream = uniqueStream();
    const result = await store.appendToStream(stream, testEvents(2));
    expect(result.position).toBe(server.log.readStream(stream)![1].position);
  });

  it('fails appends with StoreUnavailableError while the server is down', async () => {
    const down = EsdbEventStore.connect({
      connectionString: 'esdb://127.0.0.1:1?tls=false&defaultDeadline=2000',
    });
    await expect(down.appendToStream(uniqueStream(), [testEvent()])).rejects.toMatchObject({
      code: 'EVENT_STORE.UNAVAILABLE',
    });
    await down.close();
  });
});
