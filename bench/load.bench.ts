/**
 * Load held: the real API as a child process (the build `npm start` runs, over a real SQLite folder)
 * under 50 concurrent connections (autocannon, on 127.0.0.1) for 60 s (LOAD_SECONDS to shorten) of a
 * programme office's mix: of every 8 requests, 2 commands (a board meeting, a decision) and 6 reads
 * (a trust, the dashboard, the trust list, a timeline, a membership register, a decision log), spread
 * over 100 trusts. Reports the p99 latency against the 50 ms target and the process's RSS at the
 * start of the held load and at its end.
 *
 * Memory flat means no growth from being under load: the end RSS against a new process started on
 * the data the hold left, after the same warm-up. End against start is reported too, with the events
 * the hold wrote: every command adds a meeting or a decision to a trust whose state the API keeps,
 * so part of that growth is the data (tens of thousands of events a minute), which a leak is not.
 *   node -r @swc-node/register bench/load.bench.ts      (or: LOAD_SECONDS=60 npm run bench -- load)
 * `npm run bench` holds it BENCH_RUNS times (3), each on a new folder and a new process, and reports
 * the medians: the p99 of one minute on these shared cores moves with the host (a slow spell of a few
 * seconds is enough to move it), and every other figure is a median over several runs too.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUTHORITY,
  TO_SHADOW_BOARD,
  decisionBody,
  meetingBody,
  plainProposal,
} from '../test/support/api-fixtures';
import { DIST_MAIN, signToken, startApiProcess, type ApiProcess } from './support/api-process';
import { report, valueRow, type BenchRow } from './support/report';

const CONNECTIONS = 50;
const TRUSTS = 100;
const P99_TARGET_MS = 50;
const RSS_FLAT_TARGET = 1.25;
const RSS_SAMPLE_MS = 1000;

function loadSeconds(): number {
  const seconds = Number(process.env.LOAD_SECONDS ?? '60');
  if (!Number.isFinite(seconds) || seconds < 1) throw new Error('LOAD_SECONDS must be a number ≥ 1');
  return seconds;
}

async function post(
  api: ApiProcess,
  token: string,
  path: string,
  body: unknown,
): Promise<{ trustId: string }> {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`seeding: POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { trustId: string };
}

/** Trusts with their implementation board convened, so meetings and decisions may be recorded. */
async function seed(api: ApiProcess, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < TRUSTS; i += 1) {
    const { trustId } = await post(api, token, '/trusts', plainProposal(AUTHORITY, { name: `Trust ${i}` }));
    for (const step of TO_SHADOW_BOARD) await post(api, token, `/trusts/${trustId}${step.path}`, step.body);
    ids.push(trustId);
  }
  return ids;
}

/** The mix each connection cycles through; every request picks a trust at random. */
function mix(trustIds: string[], token: string): autocannon.Request[] {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const any = () => trustIds[Math.floor(Math.random() * trustIds.length)];
  const read = (path: (id: string) => string): autocannon.Request => ({
    method: 'GET',
    headers,
    setupRequest: (req) => ({ ...req, path: path(any()) }),
  });
  const write = (path: string, body: (id: string) => unknown): autocannon.Request => ({
    method: 'POST',
    headers,
    setupRequest: (req) => ({
      ...req,
      path: `/trusts/${any()}${path}`,
      body: JSON.stringify(body(randomUUID())),
    }),
  });
  return [
    read((id) => `/trusts/${id}`),
    write('/meetings', (key) => meetingBody(`m-${key}`)),
    read(() => '/dashboard'),
    read((id) => `/trusts/${id}/timeline`),
    write('/decisions', (key) => decisionBody(`d-${key}`)),
    read((id) => `/trusts/${id}/membership`),
    read((id) => `/trusts/${id}/decisions`),
    read(() => `/trusts?authority=${AUTHORITY}`),
  ];
}

async function hold(
  api: ApiProcess,
  requests: autocannon.Request[],
  seconds: number,
): Promise<autocannon.Result> {
  return await autocannon({ url: api.url, connections: CONNECTIONS, duration: seconds, requests });
}

export async function run(): Promise<BenchRow[]> {
  const seconds = loadSeconds();
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-bench-load-'));
  const dist = existsSync(DIST_MAIN);
  const api = await startApiProcess({ dataDir: dir, entry: dist ? 'dist' : 'source' });
  try {
    const token = signToken('programme-manager', [AUTHORITY]);
    const trustIds = await seed(api, token);
    const requests = mix(trustIds, token);
    // A short warm-up (not counted) so the start RSS is the app's working size, not its cold start.
    const warmUp = Math.max(1, Math.min(5, Math.round(seconds / 6)));
    await hold(api, requests, warmUp);
    const rssStart = api.rssMb();
    const eventsBefore = eventsIn(dir);
    let rssPeak = rssStart;
    const sampler = setInterval(() => {
      if (!api.exit()) rssPeak = Math.max(rssPeak, api.rssMb());
    }, RSS_SAMPLE_MS);
    let result: autocannon.Result;
    try {
      result = await hold(api, requests, seconds);
    } finally {
      clearInterval(sampler);
    }
    const gone = api.exit();
    if (gone)
      throw new Error(`The API died under load (${JSON.stringify(gone)}): ${api.stderr().slice(-2000)}`);
    const rssEnd = api.rssMb();
    const written = eventsIn(dir) - eventsBefore;
    await api.stop();
    const fresh = await freshRss(dir, dist, requests, warmUp);
    const rss = { start: rssStart, end: rssEnd, peak: Math.max(rssPeak, rssEnd), fresh };
    return rows(result, seconds, rss, written, dist);
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Events in the store, read through a connection of its own (WAL: the API keeps writing). */
function eventsIn(dir: string): number {
  const db = new Database(join(dir, 'trustworks.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
}

/**
 * The RSS of a new API process on the data the held load left, after the same warm-up: what that
 * much data needs, so the end RSS can be told apart into data and growth from being under load.
 */
async function freshRss(
  dir: string,
  dist: boolean,
  requests: autocannon.Request[],
  warmUp: number,
): Promise<number> {
  const api = await startApiProcess({ dataDir: dir, entry: dist ? 'dist' : 'source' });
  try {
    await hold(api, requests, warmUp);
    return api.rssMb();
  } finally {
    await api.stop();
  }
}

function rows(
  result: autocannon.Result,
  seconds: number,
  rss: { start: number; end: number; peak: number; fresh: number },
  written: number,
  dist: boolean,
): BenchRow[] {
  const failures = result.non2xx + result.errors;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${s.count ?? 0}× ${code}`);
  const failed = [
    ...codes,
    result.errors ? `${result.errors} connection errors (${result.timeouts} timeouts)` : '',
  ].filter(Boolean);
  const held = `${CONNECTIONS} connections × ${seconds} s, 2 commands : 6 reads`;
  const info = (metric: string, unit: string, ours: number, note?: string): BenchRow =>
    valueRow(metric, unit, ours, '-', null, note);
  return [
    {
      ...info(`latency p99, ${held}`, 'ms', result.latency.p99),
      target: `< ${P99_TARGET_MS} ms`,
      pass: failures === 0 && result.latency.p99 < P99_TARGET_MS,
      failures,
      ...(failed.length > 0 ? { note: failed.join(', ') } : {}),
    },
    info('latency p50', 'ms', result.latency.p50),
    info('latency p97.5', 'ms', result.latency.p97_5),
    info('throughput (2xx)', 'requests/s', result['2xx'] / seconds, `${result.requests.total} requests`),
    {
      metric: 'RSS end / a new process on the same data, after the same warm-up (memory flat)',
      unit: 'MB',
      ours: rss.end,
      baseline: rss.fresh,
      baselineName: 'new process, same data',
      ratio: rss.end / rss.fresh,
      target: `≤ ${RSS_FLAT_TARGET}×`,
      pass: rss.end / rss.fresh <= RSS_FLAT_TARGET,
      note: `peak ${rss.peak.toFixed(0)} MB; ${dist ? 'dist build (npm start)' : 'from source (no build found)'}`,
    },
    {
      metric: 'RSS end / start of the held load',
      unit: 'MB',
      ours: rss.end,
      baseline: rss.start,
      baselineName: 'RSS at start',
      ratio: rss.end / rss.start,
      target: '-',
      pass: null,
      note: `the hold wrote ${written.toLocaleString('en-GB')} events (${(written / TRUSTS).toFixed(0)} a trust), which the API keeps`,
    },
  ];
}

if (require.main === module) {
  run()
    .then((result) => report('load', 'Load held (API child process, real SQLite)', result))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
