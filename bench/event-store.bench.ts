import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { benchEvent, scale } from './support/events';
import { median, ratioRow, report, type BenchRow } from './support/report';

const ROUNDS = 5;
const STREAMS = 1000;

/** Raw better-sqlite3 on the same schema: one durable transaction per event, no checks. */
function rawWriter(path: string): {
  append: (stream: string, revision: number, i: number) => void;
  close: () => void;
} {
  SqliteEventStore.open({ path }).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tx = db.transaction((s: string, r: number, i: number) => {
    const e = benchEvent(i);
    insert.run(s, r, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
  });
  return { append: (s, r, i) => tx(s, r, i), close: () => db.close() };
}

async function sequential(dir: string, perRound: number): Promise<{ ours: number[]; raw: number[] }> {
  const store = SqliteEventStore.open({ path: join(dir, 'seq-ours.sqlite') });
  const raw = rawWriter(join(dir, 'seq-raw.sqlite'));
  const revisions = new Array<number>(STREAMS).fill(-1);
  const rawRevisions = new Array<number>(STREAMS).fill(-1);
  const ours: number[] = [];
  const base: number[] = [];
  let n = 0;
  let m = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let t = performance.now();
    for (let i = 0; i < perRound; i += 1, n += 1) {
      const s = n % STREAMS;
      const expected = revisions[s] < 0 ? 'no_stream' : revisions[s];
      revisions[s] = (
        await store.appendToStream(`trust-${s}`, [benchEvent(n)], { expectedRevision: expected })
      ).nextRevision;
    }
    ours.push(perRound / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < perRound; i += 1, m += 1) {
      const s = m % STREAMS;
      rawRevisions[s] += 1;
      raw.append(`trust-${s}`, rawRevisions[s], m);
    }
    base.push(perRound / ((performance.now() - t) / 1000));
  }
  await store.close();
  raw.close();
  return { ours, raw: base };
}

async function concurrent(dir: string, perRound: number, callers: number): Promise<number[]> {
  const store = SqliteEventStore.open({ path: join(dir, 'concurrent.sqlite') });
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const each = Math.ceil(perRound / callers);
    const t = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        for (let i = 0; i < each; i += 1) {
          await store.appendToStream(`trust-${round}-${c}-${i % 20}`, [benchEvent(i)], {
            expectedRevision: 'any',
          });
        }
      }),
    );
    rates.push((each * callers) / ((performance.now() - t) / 1000));
  }
  await store.close();
  return rates;
}

async function seedForRead(path: string, total: number): Promise<void> {
  const store = SqliteEventStore.open({ path, synchronous: 'NORMAL' });
  const batch = 100;
  for (let n = 0; n < total; n += batch) {
    const events = Array.from({ length: Math.min(batch, total - n) }, (_, k) => benchEvent(n + k));
    await store.appendToStream(`trust-${(n / batch) % STREAMS}`, events);
  }
  await store.close();
}

/** Each read runs in a fresh process so its peak RSS is its own. */
function readInChild(path: string, mode: 'ours' | 'raw'): { rate: number; peakRssMb: number; count: number } {
  const out = execFileSync(process.execPath, [join(__dirname, 'support', 'read-all-child.js'), path, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-bench-es-'));
  try {
    const seq = await sequential(dir, scale(100_000) / ROUNDS);
    const rawRate = median(seq.raw);
    const conc = await concurrent(dir, scale(50_000) / ROUNDS, 50);
    const readPath = join(dir, 'read.sqlite');
    const total = scale(1_000_000);
    await seedForRead(readPath, total);
    const reads = {
      ours: [] as ReturnType<typeof readInChild>[],
      raw: [] as ReturnType<typeof readInChild>[],
    };
    for (let i = 0; i < 3; i += 1) {
      reads.ours.push(readInChild(readPath, 'ours'));
      reads.raw.push(readInChild(readPath, 'raw'));
    }
    if (reads.ours.some((r) => r.count !== total)) throw new Error('readAll did not return every event');
    const peak = Math.max(...reads.ours.map((r) => r.peakRssMb));
    return [
      ratioRow(
        'sequential durable appends, 1 event/call',
        'events/s',
        median(seq.ours),
        rawRate,
        'raw 1 txn/event',
        0.7,
      ),
      ratioRow(
        '50 concurrent callers, durable, group commit',
        'events/s',
        median(conc),
        rawRate,
        'raw 1 txn/event',
        3,
      ),
      ratioRow(
        `readAll over ${total.toLocaleString('en-GB')} events`,
        'events/s',
        median(reads.ours.map((r) => r.rate)),
        median(reads.raw.map((r) => r.rate)),
        'raw .iterate() + JSON.parse',
        0.5,
      ),
      {
        metric: 'readAll peak RSS',
        unit: 'MB',
        ours: peak,
        baseline: Math.max(...reads.raw.map((r) => r.peakRssMb)),
        baselineName: 'raw .iterate()',
        ratio: null,
        target: '< 200 MB',
        pass: peak < 200,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run()
    .then((rows) => report('event-store', 'Event store (embedded SQLite)', rows))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
