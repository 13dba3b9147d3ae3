/**
 * Reminders: 100,000 scheduled milestones across 1,000 trusts (scaled by BENCH_SCALE). Figures:
 * the time to find the due set at a dispatcher wake, sampled as the clock moves through three years
 * (expire what went stale since the previous wake a minute before, then read the next 500 due;
 * target p99 < 50 ms), and reminders issued per second through the claim step
 * (ReminderIssued appended with "no stream", then projected) beside the raw rate of the same kind of
 * single-event appends to new streams on the same store, in the same run.
 *   node -r @swc-node/register bench/reminders.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointedRunner, SqliteEventStore, type EventStore } from '@trustworks/event-store';
import { hashChained } from '@trustworks/audit';
import { ManualClock, uuidGenerator } from '@trustworks/platform';
import { evolve, initialState, type TrustEvent, type TrustState } from '@trustworks/trust-domain';
import { event, toShadow, trustProposed } from '@trustworks/trust-domain/decider/fixtures';
import {
  DEFAULT_REMINDER_SETTINGS,
  REMINDER_STREAM_PREFIXES,
  ReminderDb,
  ReminderDispatcher,
  ReminderProjector,
  scheduleFor,
} from '@trustworks/reminders';
import { mapLimit } from '../libs/reminders/src/application/map-limit';
import { scale } from './support/events';
import { report, valueRow, type BenchRow } from './support/report';

const TRUSTS = 1000;
const SAMPLES = 300;
const CONCURRENCY = 16;
const DAY_MS = 86_400_000;
const START = Date.UTC(2009, 0, 1);

function trustState(trustId: string, milestones: number, dueOf: (m: number) => string): TrustState {
  const events: TrustEvent[] = [
    ...toShadow(trustProposed({ trustId, authority: `Authority ${trustId}` })),
    ...Array.from({ length: milestones }, (_, m) =>
      event('MilestoneScheduled', {
        milestoneId: `m-${m}`,
        title: `Milestone ${m}`,
        owner: 'Business Unit Manager',
        baselineDue: dueOf(m),
        dependsOn: [],
        occurredAt: '2009-01-15',
      }),
    ),
  ];
  return events.reduce(evolve, initialState());
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Schedules every trust's milestones, then times expire + due set at SAMPLES moments over three years. */
function dueSetLatency(dir: string, perTrust: number): { p50: number; p99: number; rows: number } {
  const db = ReminderDb.open(join(dir, 'due.sqlite'));
  for (let t = 0; t < TRUSTS; t += 1) {
    const state = trustState(`t-${t}`, perTrust, (m) =>
      day(START + 30 * DAY_MS + ((t * 7 + m * 11) % 1065) * DAY_MS),
    );
    db.transaction(() => db.replaceSchedule(`t-${t}`, scheduleFor(state, DEFAULT_REMINDER_SETTINGS), 8));
  }
  const rows = db.counts().scheduled;
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const now = new Date(START + (i / SAMPLES) * 1095 * DAY_MS);
    // The dispatcher wakes at least every minute: its previous wake has expired what went stale before.
    db.expireStale(new Date(now.getTime() - 60_000));
    const t0 = performance.now();
    db.expireStale(now);
    db.dueSet(now, 500);
    times.push(performance.now() - t0);
  }
  db.close();
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), rows };
}

/** The claim step end to end: `count` reminders due at once, issued by the dispatcher (no channels). */
async function claimRate(dir: string, count: number): Promise<number> {
  const store = hashChained(SqliteEventStore.open({ path: join(dir, 'claims-events.sqlite') }));
  const db = ReminderDb.open(join(dir, 'claims.sqlite'));
  const perTrust = Math.max(1, Math.ceil(count / TRUSTS));
  const trusts = Math.ceil(count / perTrust);
  for (let t = 0; t < trusts; t += 1) {
    const state = trustState(`c-${t}`, perTrust, () => '2009-06-02');
    db.transaction(() =>
      db.replaceSchedule(
        `c-${t}`,
        scheduleFor(state, { ...DEFAULT_REMINDER_SETTINGS, milestoneLeadDays: [1] }),
        8,
      ),
    );
  }
  const projector = new ReminderProjector(db, async () => null);
  const runner = new CheckpointedRunner('bench', store, projector, REMINDER_STREAM_PREFIXES);
  runner.start();
  const clock = new ManualClock(new Date('2009-06-01T12:00:00Z'));
  const dispatcher = new ReminderDispatcher(store, db, projector, runner, new Map(), clock, uuidGenerator, {
    publicBaseUrl: 'http://localhost',
    concurrency: CONCURRENCY,
    batchSize: 500,
  });
  const t0 = performance.now();
  const issued = (await dispatcher.runDue()).issued.length;
  const rate = issued / ((performance.now() - t0) / 1000);
  await runner.stop();
  db.close();
  await store.close();
  if (issued !== trusts * perTrust)
    throw new Error(`expected ${trusts * perTrust} reminders issued, got ${issued}`);
  return rate;
}

/** The baseline: the same number of single-event appends to new streams ("no stream"), same concurrency. */
async function rawAppendRate(dir: string, count: number): Promise<number> {
  const store: EventStore = hashChained(SqliteEventStore.open({ path: join(dir, 'raw-events.sqlite') }));
  const indexes = Array.from({ length: count }, (_, i) => i);
  const t0 = performance.now();
  await mapLimit(indexes, CONCURRENCY, (i) =>
    store.appendToStream(
      `reminder-raw-${i}`,
      [
        {
          id: uuidGenerator.newId(),
          type: 'ReminderIssued',
          data: { key: `raw-${i}`, trustId: `c-${i % TRUSTS}` },
          metadata: {
            actor: 'bench',
            authority: 'bench',
            correlationId: `raw-${i}`,
            causationId: `raw-${i}`,
            recordedAt: new Date().toISOString(),
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    ),
  );
  const rate = count / ((performance.now() - t0) / 1000);
  await store.close();
  return rate;
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-bench-reminders-'));
  try {
    const perTrust = Math.max(5, Math.round(scale(100_000) / TRUSTS));
    const { p50, p99, rows } = dueSetLatency(dir, perTrust);
    const claims = scale(5000);
    const raw = await rawAppendRate(dir, claims);
    const ours = await claimRate(dir, claims);
    process.stdout.write(`scheduled milestones: ${TRUSTS * perTrust}; schedule rows: ${rows}\n`);
    return [
      valueRow(`due set p50, ${TRUSTS * perTrust} milestones`, 'ms', p50, '-', null),
      valueRow(`due set p99, ${TRUSTS * perTrust} milestones`, 'ms', p99, '< 50 ms', p99 < 50),
      {
        metric: `reminders claimed and projected, ${claims} due at once`,
        unit: 'reminders/s',
        ours,
        baseline: raw,
        baselineName: 'raw single-event appends, same store',
        ratio: ours / raw,
        target: '-',
        pass: null,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run()
    .then((rows) => report('reminders', 'Reminders', rows))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
