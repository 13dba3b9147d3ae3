/**
 * The esdb adapter beside bare @eventstore/db-client calls doing the same work in the same run:
 * sequential appends with expected revisions, and reading all of $all. Against a real server when
 * EVENTSTORE_CONNECTION_STRING is set, else against the in-process EventStoreDB stand-in (which
 * shares this process's CPU, so absolute figures there are low; the ratio is the point).
 *   node -r @swc-node/register bench/esdb.bench.ts
 */
import { EventStoreDBClient, FORWARDS, START, type AppendExpectedRevision } from '@eventstore/db-client';
import { EsdbEventStore, type NewEvent } from '@trustworks/event-store';
import { EsdbStandInServer } from '../test/esdb/esdb-stand-in-server';
import { benchEvent, scale } from './support/events';
import { median, ratioRow, report, type BenchRow } from './support/report';

const ROUNDS = 5;
const STREAMS = 200;

const bare = (event: NewEvent) => ({
  id: event.id,
  contentType: 'application/json' as const,
  type: event.type,
  data: event.data as Record<string, unknown>,
  metadata: event.metadata,
});

async function appends(store: EsdbEventStore, client: EventStoreDBClient, perRound: number, tag: string) {
  const ours: number[] = [];
  const base: number[] = [];
  const revisions = { ours: new Array<number>(STREAMS).fill(-1), bare: new Array<number>(STREAMS).fill(-1) };
  for (let round = 0, n = 0; round < ROUNDS; round++) {
    let t = performance.now();
    for (let i = 0; i < perRound; i++, n++) {
      const s = n % STREAMS;
      const expected = revisions.ours[s] < 0 ? 'no_stream' : revisions.ours[s];
      const result = await store.appendToStream(`${tag}-ours-${s}`, [benchEvent(n)], {
        expectedRevision: expected,
      });
      revisions.ours[s] = result.nextRevision;
    }
    ours.push(perRound / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < perRound; i++) {
      const s = (round * perRound + i) % STREAMS;
      const expected: AppendExpectedRevision =
        revisions.bare[s] < 0 ? 'no_stream' : BigInt(revisions.bare[s]);
      const result = await client.appendToStream(`${tag}-bare-${s}`, [bare(benchEvent(i))], {
        expectedRevision: expected,
      });
      revisions.bare[s] = Number(result.nextExpectedRevision);
    }
    base.push(perRound / ((performance.now() - t) / 1000));
  }
  return { ours: median(ours), bare: median(base) };
}

async function seed(client: EventStoreDBClient, total: number, tag: string): Promise<void> {
  for (let n = 0; n < total; n += 100) {
    const events = Array.from({ length: Math.min(100, total - n) }, (_, k) => bare(benchEvent(n + k)));
    await client.appendToStream(`${tag}-read-${(n / 100) % STREAMS}`, events);
  }
}

async function reads(store: EsdbEventStore, client: EventStoreDBClient) {
  const ours: number[] = [];
  const base: number[] = [];
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    let count = 0;
    for await (const _event of store.readAll()) count++;
    ours.push(count / ((performance.now() - t) / 1000));
    t = performance.now();
    let bareCount = 0;
    for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) {
      if (!resolved.event?.type.startsWith('$')) bareCount++;
    }
    base.push(bareCount / ((performance.now() - t) / 1000));
    if (bareCount !== count) throw new Error(`readAll counted ${count} events, the bare client ${bareCount}`);
  }
  return { ours: median(ours), bare: median(base) };
}

export async function run(): Promise<BenchRow[]> {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  const server = real ? undefined : await EsdbStandInServer.start();
  const connectionString = real ?? server!.connectionString;
  const where = real ? 'EventStoreDB' : 'the stand-in';
  const store = EsdbEventStore.connect({ connectionString });
  const client = EventStoreDBClient.connectionString(connectionString);
  const tag = `bench${Date.now()}`;
  try {
    const appended = await appends(store, client, scale(5_000) / ROUNDS, tag);
    await seed(client, scale(50_000), tag);
    const read = await reads(store, client);
    return [
      ratioRow(
        `sequential appends, 1 event/call, against ${where}`,
        'events/s',
        appended.ours,
        appended.bare,
        'bare client',
        0.8,
      ),
      ratioRow(
        `readAll of every event, against ${where}`,
        'events/s',
        read.ours,
        read.bare,
        'bare client readAll',
        0.8,
      ),
    ];
  } finally {
    await store.close();
    await client.dispose();
    await server?.stop();
  }
}

if (require.main === module) {
  run()
    .then((rows) => report('esdb', 'Event store on EventStoreDB (esdb adapter)', rows))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
