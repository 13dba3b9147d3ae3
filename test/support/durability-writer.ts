/*
 * Child process of test/event-store-durability.e2e-spec.ts: appends to a SQLite event store as fast as
 * it can, from several concurrent writers (so appends are group-committed), and prints one line per
 * event only after its append has resolved:  ack <stream> <revision> <event id>
 * The parent kills it with SIGKILL mid-run and checks that every acknowledged event survived.
 * Usage: node -r @swc-node/register test/support/durability-writer.ts <dbPath>
 */
import { SqliteEventStore } from '../../libs/event-store/src/adapters/sqlite/sqlite-event-store';
import { testEvent } from '../../libs/event-store/src/contract/test-events';

const WRITERS = 6;
const STREAMS_PER_WRITER = 3;
/** The parent kills the writer long before this; it only stops an orphan. */
const MAX_RUN_MS = 60_000;

async function writer(store: SqliteEventStore, w: number, deadline: number): Promise<void> {
  const revisions = new Map<string, number>();
  for (let round = 0; Date.now() < deadline; round++) {
    const stream = `durable-w${w}-s${round % STREAMS_PER_WRITER}`;
    const batch = Array.from({ length: 1 + (round % 3) }, (_, i) =>
      testEvent('DurabilityProbed', { writer: w, round, i }, { actor: 'system:durability' }),
    );
    const result = await store.appendToStream(stream, batch, {
      expectedRevision: revisions.get(stream) ?? 'no_stream',
    });
    revisions.set(stream, result.nextRevision);
    const first = result.nextRevision - batch.length + 1;
    process.stdout.write(batch.map((e, i) => `ack ${stream} ${first + i} ${e.id}\n`).join(''));
  }
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: durability-writer.ts <dbPath>');
  process.stdout.on('error', () => process.exit(2));
  const store = SqliteEventStore.open({ path, synchronous: 'FULL' });
  process.stdout.write('ready\n');
  const deadline = Date.now() + MAX_RUN_MS;
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(store, w, deadline)));
  await store.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
