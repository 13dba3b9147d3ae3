/**
 * Projections: a full rebuild of the read models over 1,000 trusts and 1,000,000 events (scaled by
 * BENCH_SCALE) beside the event store's own raw readAll in the same run (target ≥ 0.5×), and the
 * latency of an `asOf` replay of one trust with 5,000 events (target p99 < 50 ms). Peak RSS printed.
 *   node -r @swc-node/register bench/projections.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { TimeTravel } from '@trustworks/audit';
import { ProjectionDb, Projector, rebuildReadModels } from '@trustworks/projections';
import { seedTrustEvents } from '../libs/projections/src/testing/seed-events';
import { scale } from './support/events';
import { ratioRow, report, valueRow, type BenchRow } from './support/report';

const TRUSTS = 1000;
const ASOF_SAMPLES = 200;

async function rawReadAll(store: SqliteEventStore): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const _ of store.readAll()) n += 1;
  return n / ((performance.now() - t) / 1000);
}

async function rebuild(store: SqliteEventStore, path: string): Promise<number> {
  const projector = new Projector(store, ProjectionDb.open(path));
  projector.reset();
  const t = performance.now();
  // What the rebuild CLI does, with its defaults (batches of CATCH_UP_BATCH, two threads where there
  // are two cores): trust by trust up to the head, then any later events in position order (none here).
  const applied = await rebuildReadModels(store, projector);
  const rate = applied / ((performance.now() - t) / 1000);
  projector.db.close();
  return rate;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function asOfLatency(dir: string): Promise<{ p50: number; p99: number }> {
  const path = join(dir, 'long.sqlite');
  seedTrustEvents(path, 1, 5000);
  const store = SqliteEventStore.open({ path });
  // What GET /trusts/:id/state does: the app's TimeTravel (reads what is new, folds from a snapshot).
  const travel = new TimeTravel(store);
  const times: number[] = [];
  for (let i = 0; i < ASOF_SAMPLES; i += 1) {
    // What the state endpoint does: read the stream, fold up to a moment in it.
    const before = new Date(Date.UTC(2009, 0, 1) + ((i * 37) % 5000) * 60_000);
    const t = performance.now();
    await travel.replay('seed-0', { basis: 'recorded', before });
    times.push(performance.now() - t);
  }
  await store.close();
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-bench-projections-'));
  try {
    const perTrust = Math.max(30, Math.round(scale(1_000_000) / TRUSTS));
    seedTrustEvents(join(dir, 'trustworks.sqlite'), TRUSTS, perTrust);
    const store = SqliteEventStore.open({ path: join(dir, 'trustworks.sqlite') });
    const raw = await rawReadAll(store);
    const ours = await rebuild(store, join(dir, 'projections.sqlite'));
    await store.close();
    const { p50, p99 } = await asOfLatency(dir);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`events: ${TRUSTS * perTrust}; peak RSS ${rssMb.toFixed(0)} MB\n`);
    return [
      ratioRow(
        `full rebuild, ${TRUSTS} trusts × ${perTrust} events`,
        'events/s',
        ours,
        raw,
        'raw readAll',
        0.5,
      ),
      valueRow('asOf replay p50, 5,000-event trust', 'ms', p50),
      valueRow('asOf replay p99, 5,000-event trust', 'ms', p99, '< 50 ms', p99 < 50),
      valueRow('peak RSS', 'MB', rssMb),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run()
    .then((rows) => report('projections', 'Projections', rows))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
