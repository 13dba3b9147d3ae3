import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@trustworks/event-store';
import { loadConfig, ConfigError } from '../apps/api/src/config/app-config';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /health on the embedded store', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('reports the sqlite store and an empty position on a new data folder', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', store: { kind: 'sqlite', position: null } });
  });

  it('reports the position of the last event once something is stored', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const { position } = await store.appendToStream('health-probe', [
      {
        id: '0b7c6a52-8f51-4d57-9d0c-3f1c2a4e5b61',
        type: 'Probe',
        data: {},
        metadata: {
          actor: 'test',
          authority: 'test',
          correlationId: 'c',
          causationId: 'c',
          recordedAt: '2026-01-01T00:00:00.000Z',
          schemaVersion: 1,
        },
      },
    ]);
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.store.position).toBe(position);
  });
});

describe('configuration', () => {
  it('defaults to the sqlite store in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.eventStore).toMatchObject({ kind: 'sqlite', synchronous: 'FULL' });
    expect(config.eventStore.kind === 'sqlite' && config.eventStore.dataDir).toMatch(/[/\\]data$/);
  });

  it('refuses to start on a bad setting and names it', () => {
    expect(() => loadConfig({ PORT: 'abc', EVENT_STORE: 'postgres' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/EVENT_STORE="postgres".*sqlite, memory/);
  });

  it('keeps the heap within 1.5× of its live data unless told otherwise (0: V8 decides)', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '120' }).heapGrowthPercent).toBe(120);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: '-5' })).toThrow(/HEAP_GROWTH_PERCENT="-5"/);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: 'lots' })).toThrow(/HEAP_GROWTH_PERCENT="lots"/);
  });
});

describe('configuration of the event store and secrets', () => {
  it('selects EventStoreDB with its connection string', () => {
    const config = loadConfig({
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config.eventStore).toEqual({ kind: 'esdb', connectionString: 'esdb://localhost:2113?tls=false' });
  });

  it('refuses esdb without a connection string', () => {
    expect(() => loadConfig({ EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('never echoes a password or a secret in the start-up error', () => {
    let message = '';
    try {
      loadConfig({
        EVENT_STORE: 'esdb',
        EVENTSTORE_CONNECTION_STRING: 'http://admin:s3cret@node1:2113',
        JWT_SECRET: 'short-s3cret',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/EVENTSTORE_CONNECTION_STRING="http:\/\/\*\*\*@node1:2113"/);
    expect(message).toMatch(/JWT_SECRET=<12 characters, hidden>/);
    expect(message).not.toContain('s3cret');
  });
});
