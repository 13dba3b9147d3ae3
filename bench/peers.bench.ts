/**
 * Our embedded SQLite store beside a peer, Emmett's SQLite event store (@event-driven-io/emmett-sqlite
 * 0.38.5 on node-sqlite3), on the same workload in the same run, each on its own real file in a temp
 * folder: 1,000 streams (BENCH_SCALE scales the count) appended one event per call and 100 events per
 * call, every stream read back, and every stream folded to a small state. Both use WAL and
 * synchronous=FULL (checked, and said in the notes) and an expected-version check on every append.
 *   node -r @swc-node/register bench/peers.bench.ts      (or: npm run bench -- peers)
 * One event per call is Emmett's slowest path (it opens and closes its connection for every call on a
 * file database), so by default that phase appends 5 events to each stream, round-robin;
 * PEERS_SINGLE_EVENTS_PER_STREAM=100 runs the full 100 (about ten minutes a run for Emmett here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  getSQLiteEventStore,
  sqliteConnection,
  type SQLiteEventStore as EmmettStore,
} from '@event-driven-io/emmett-sqlite';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { SqliteEventStore, type NewEvent } from '@trustworks/event-store';
import { benchEvent, scale } from './support/events';
import { report, type BenchRow } from './support/report';

const PER_STREAM = 100;
const TARGET = 1;

/** The small state every stream is folded to, by both stores, with the same function. */
interface Folded {
  events: number;
  meetings: number;
  lastType: string | null;
}

const initial = (): Folded => ({ events: 0, meetings: 0, lastType: null });
const evolve = (state: Folded, event: { type: string }): Folded => ({
  events: state.events + 1,
  meetings: state.meetings + (event.type === 'MeetingHeld' ? 1 : 0),
  lastType: event.type,
});

/** The two stores behind one small interface: what the workload needs and nothing else. */
interface Peer {
  name: string;
  append(stream: string, events: NewEvent[], eventsBefore: number): Promise<void>;
  read(stream: string): Promise<number>;
  aggregate(stream: string): Promise<Folded>;
  durability(): Promise<string>;
  close(): Promise<void>;
}

function ours(path: string): Peer {
  const store = SqliteEventStore.open({ path, synchronous: 'FULL' });
  return {
    name: 'ours',
    append: async (stream, events, before) => {
      await store.appendToStream(stream, events, {
        expectedRevision: before === 0 ? 'no_stream' : before - 1,
      });
    },
    read: async (stream) => {
      const events = [];
      for await (const event of store.readStream(stream)) events.push(event);
      return events.length;
    },
    aggregate: async (stream) => {
      let state = initial();
      for await (const event of store.readStream(stream)) state = evolve(state, event);
      return state;
    },
    durability: async () => {
      const s = store.settings();
      return `journal_mode=${s.journalMode}, synchronous=${s.synchronous}`;
    },
    close: () => store.close(),
  };
}

function emmett(path: string): Peer {
  const store: EmmettStore = getSQLiteEventStore({ fileName: path });
  return {
    name: 'Emmett',
    append: async (stream, events, before) => {
      await store.appendToStream(
        stream,
        events.map((e) => ({
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: e.metadata as Record<string, unknown>,
        })),
        { expectedStreamVersion: before === 0 ? STREAM_DOES_NOT_EXIST : BigInt(before) },
      );
    },
    read: async (stream) => (await store.readStream(stream)).events.length,
    aggregate: async (stream) =>
      (await store.aggregateStream(stream, { initialState: initial, evolve })).state,
    durability: async () => {
      // Emmett opens its own connection per call, with SQLite's defaults and WAL; ask one the same way.
      const connection = sqliteConnection({ fileName: path });
      try {
        const mode = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
        const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
        return `journal_mode=${mode?.journal_mode}, synchronous=${['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync?.synchronous ?? -1]}`;
      } finally {
        connection.close();
      }
    },
    close: async () => undefined,
  };
}

interface Phase {
  rate: number;
  failures: number;
  firstFailure?: string;
}

/** Runs `op` for each item in turn, timing the lot; failures are counted and the work goes on. */
async function timed<T>(items: T[], perItem: number, op: (item: T) => Promise<void>): Promise<Phase> {
  let failures = 0;
  let firstFailure: string | undefined;
  const t = performance.now();
  for (const item of items) {
    try {
      await op(item);
    } catch (error) {
      failures += 1;
      firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  const seconds = (performance.now() - t) / 1000;
  return { rate: ((items.length - failures) * perItem) / seconds, failures, firstFailure };
}

interface PeerResult {
  single: Phase;
  batch: Phase;
  read: Phase;
  aggregate: Phase;
  durability: string;
}

async function workload(open: (path: string) => Peer, dir: string, streams: number, single: number) {
  const names = Array.from({ length: streams }, (_, s) => `trust-${s}`);
  const one = open(join(dir, 'single.sqlite'));
  const rounds = Array.from({ length: single }, (_, i) => names.map((name) => ({ name, i }))).flat();
  const singlePhase = await timed(rounds, 1, ({ name, i }) => one.append(name, [benchEvent(i)], i));
  await one.close();

  const many = open(join(dir, 'batch.sqlite'));
  const batches = names.map((name) => ({
    name,
    events: Array.from({ length: PER_STREAM }, (_, i) => benchEvent(i)),
  }));
  const batch = await timed(batches, PER_STREAM, ({ name, events }) => many.append(name, events, 0));
  const read = await timed(names, PER_STREAM, async (name) => {
    const n = await many.read(name);
    if (n !== PER_STREAM) throw new Error(`read ${n} of ${PER_STREAM} events from ${name}`);
  });
  const aggregate = await timed(names, PER_STREAM, async (name) => {
    const state = await many.aggregate(name);
    if (state.events !== PER_STREAM) throw new Error(`folded ${state.events} of ${PER_STREAM} in ${name}`);
  });
  const durability = await many.durability();
  await many.close();
  return { single: singlePhase, batch, read, aggregate, durability } satisfies PeerResult;
}

let runs = 0;

export async function run(): Promise<BenchRow[]> {
  const streams = scale(1000);
  const single = Number(process.env.PEERS_SINGLE_EVENTS_PER_STREAM ?? '5');
  if (!Number.isInteger(single) || single < 1 || single > PER_STREAM) {
    throw new Error(`PEERS_SINGLE_EVENTS_PER_STREAM must be 1 to ${PER_STREAM}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-bench-peers-'));
  try {
    // Who goes first alternates between runs, so neither always meets a cold (or a warm) disk cache.
    runs += 1;
    const order = runs % 2 === 1 ? (['ours', 'emmett'] as const) : (['emmett', 'ours'] as const);
    const results: Partial<Record<'ours' | 'emmett', PeerResult>> = {};
    for (const who of order) {
      const sub = mkdtempSync(join(dir, `${who}-`));
      results[who] = await workload(who === 'ours' ? ours : emmett, sub, streams, single);
    }
    return rows(results as Record<'ours' | 'emmett', PeerResult>, streams, single);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rows(r: Record<'ours' | 'emmett', PeerResult>, streams: number, single: number): BenchRow[] {
  const n = streams.toLocaleString('en-GB');
  const durability = `ours ${r.ours.durability}; Emmett ${r.emmett.durability}`;
  const phases: Array<[keyof Omit<PeerResult, 'durability'>, string, string]> = [
    ['single', `append 1 event/call, ${n} streams × ${single} (round-robin)`, 'events/s'],
    ['batch', `append ${PER_STREAM} events/call, ${n} streams × ${PER_STREAM}`, 'events/s'],
    ['read', `read each stream, ${n} streams × ${PER_STREAM}`, 'events/s'],
    ['aggregate', `aggregate (fold) each stream, ${n} streams × ${PER_STREAM}`, 'events/s'],
  ];
  return phases.map(([phase, metric, unit]) => {
    const mine = r.ours[phase];
    const peer = r.emmett[phase];
    const failures = mine.failures + peer.failures;
    // The count is in `failures` (summed over runs by the runner); the note says what failed.
    const failed = [
      mine.failures ? `ours failed: ${mine.firstFailure}` : '',
      peer.failures ? `Emmett failed: ${peer.firstFailure}` : '',
    ].filter(Boolean);
    const ratio = peer.rate > 0 ? mine.rate / peer.rate : null;
    return {
      metric,
      unit,
      ours: mine.rate,
      baseline: peer.rate,
      baselineName: 'Emmett SQLite 0.38.5',
      ratio,
      target: `≥ ${TARGET}×`,
      // A peer's failures are reported, not held against us; ours fail the row.
      pass: mine.failures === 0 && ratio !== null ? ratio >= TARGET : false,
      failures,
      note: [...failed, ...(phase === 'batch' ? [durability] : [])].join('; ') || undefined,
    };
  });
}

if (require.main === module) {
  run()
    .then((result) => report('peers', 'Peers: ours vs Emmett SQLite (same workload, same run)', result))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
