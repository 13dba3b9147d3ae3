/**
 * Copies every stream of an embedded (SQLite) event store into EventStoreDB, keeping event ids,
 * types, data, metadata, per-stream revisions and the relative order of all events.
 *   npm run migrate:sqlite-to-esdb -- [--from data/trustworks.sqlite] [--to esdb://host:2113?tls=false]
 * (defaults: $DATA_DIR/trustworks.sqlite and $EVENTSTORE_CONNECTION_STRING)
 *
 * Resumable: each stream's current revision in EventStoreDB is looked up once, and events at or below
 * it are skipped; everything else is appended with the expected revision just before it and the
 * original event ids, so an interrupted batch that did land is answered idempotently by the server
 * rather than written twice, and a stream that diverged fails loudly with a wrong expected revision.
 */
import { join, resolve } from 'node:path';
import type { EventStore, NewEvent, RecordedEvent } from '../libs/event-store/src';
import { EsdbEventStore, SqliteEventStore } from '../libs/event-store/src';

export interface MigrationReport {
  streams: number;
  copied: number;
  skipped: number;
  /** Per-stream event counts compared after the copy; empty when source and target agree. */
  mismatches: string[];
}

export interface MigrationOptions {
  batchSize?: number;
  onProgress?: (done: number, copied: number) => void;
}

export async function migrateStore(
  source: EventStore,
  target: EventStore,
  options: MigrationOptions = {},
): Promise<MigrationReport> {
  const batchSize = options.batchSize ?? 200;
  const copiedThrough = new Map<string, number>();
  const counts = new Map<string, number>();
  let batch: RecordedEvent[] = [];
  let copied = 0;
  let skipped = 0;
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const first = batch[0];
    const expectedRevision = first.revision === 0 ? 'no_stream' : first.revision - 1;
    await target.appendToStream(first.stream, batch.map(toNewEvent), { expectedRevision });
    copied += batch.length;
    batch = [];
  };
  for await (const event of source.readAll()) {
    counts.set(event.stream, (counts.get(event.stream) ?? 0) + 1);
    const through = copiedThrough.get(event.stream) ?? (await currentRevision(target, event.stream));
    copiedThrough.set(event.stream, through);
    if (event.revision <= through) skipped += 1;
    else {
      if (batch.length > 0 && (batch[0].stream !== event.stream || batch.length >= batchSize)) await flush();
      batch.push(event);
    }
    if (++done % 1000 === 0) options.onProgress?.(done, copied);
  }
  await flush();
  options.onProgress?.(done, copied);
  return { streams: counts.size, copied, skipped, mismatches: await compareCounts(target, counts) };
}

async function currentRevision(store: EventStore, stream: string): Promise<number> {
  for await (const last of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
    return last.revision;
  return -1;
}

async function compareCounts(target: EventStore, counts: Map<string, number>): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [stream, expected] of counts) {
    const actual = (await currentRevision(target, stream)) + 1;
    if (actual !== expected)
      mismatches.push(`${stream}: ${expected} in the source, ${actual} in EventStoreDB`);
  }
  return mismatches;
}

function toNewEvent(event: RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const from = resolve(argument('from') ?? join(process.env.DATA_DIR ?? 'data', 'trustworks.sqlite'));
  const to = argument('to') ?? process.env.EVENTSTORE_CONNECTION_STRING;
  if (!to) throw new Error('Give the target with --to or EVENTSTORE_CONNECTION_STRING.');
  const source = SqliteEventStore.open({ path: from });
  const target = EsdbEventStore.connect({ connectionString: to });
  try {
    console.log(`Copying ${from} into ${to.replace(/\/\/[^@/]*@/, '//***@')}`);
    const report = await migrateStore(source, target, {
      onProgress: (done, copied) => console.log(`  ${done} events read, ${copied} copied`),
    });
    console.log(
      `${report.streams} streams: ${report.copied} events copied, ${report.skipped} already there.`,
    );
    if (report.mismatches.length > 0) {
      console.error(`Count check FAILED:\n  ${report.mismatches.join('\n  ')}`);
      process.exitCode = 1;
    } else
      console.log('Count check passed: every stream has as many events in EventStoreDB as in the source.');
  } finally {
    await source.close();
    await target.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
