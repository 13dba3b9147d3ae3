import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from './support/api-process';
import { median, type BenchRow } from './support/report';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? '10');
const ROUNDS = 3;

const BODY = JSON.stringify({
  occurredAt: '2009-01-15',
  authority: 'bench',
  name: "Bench Children's Trust",
  governanceModel: 'collaborative',
  ageFrom: 0,
  ageTo: 19,
  newAuthority: false,
  twoTierArea: false,
});

async function startServer(mode: 'ours' | 'bare', port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'support', 'api-server.ts'), mode, String(port), dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return child;
}

async function load(port: number, token: string): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}/trusts`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: BODY,
  });
}

async function measure(mode: 'ours' | 'bare', port: number, dataDir: string, token: string) {
  const server = await startServer(mode, port, dataDir);
  try {
    await load(port, token); // warm-up, not counted
    const result = await load(port, token);
    const ok = result['2xx'];
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(
        `${mode}: ${result.non2xx} non-2xx and ${result.errors} errors out of ${result.requests.total}`,
      );
    }
    return { rps: ok / SECONDS, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** It takes its own medians (several rounds of each load in one run): one run is the measurement. */
export const maxRuns = 1;

export async function run(): Promise<BenchRow[]> {
  const token = signToken('programme-manager', ['bench'], 'bench');
  const ours: Array<Awaited<ReturnType<typeof measure>>> = [];
  const bare: Array<Awaited<ReturnType<typeof measure>>> = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'trustworks-bench-api-'));
    try {
      bare.push(await measure('bare', 39_100 + round, dir, token));
      ours.push(await measure('ours', 39_200 + round, dir, token));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const oursRps = median(ours.map((r) => r.rps));
  const bareRps = median(bare.map((r) => r.rps));
  const p99 = median(ours.map((r) => r.p99));
  return [
    {
      metric: `POST /trusts, durable, ${CONNECTIONS} connections × ${SECONDS} s`,
      unit: 'commands/s',
      ours: oursRps,
      baseline: bareRps,
      baselineName: 'bare Nest endpoint, same ValidationPipe, Fastify',
      ratio: oursRps / bareRps,
      target: '≥ 0.5×',
      pass: oursRps / bareRps >= 0.5,
    },
    {
      metric: 'write command latency p50',
      unit: 'ms',
      ours: median(ours.map((r) => r.p50)),
      baseline: median(bare.map((r) => r.p50)),
      baselineName: 'bare endpoint p50',
      ratio: null,
      target: '-',
      pass: null,
    },
    {
      metric: 'write command latency p99',
      unit: 'ms',
      ours: p99,
      baseline: median(bare.map((r) => r.p99)),
      baselineName: 'bare endpoint p99',
      ratio: null,
      target: '< 50 ms',
      pass: p99 < 50,
    },
  ];
}

if (require.main === module) {
  run()
    .then((rows) =>
      import('./support/report').then(({ report }) => report('api', 'HTTP API (embedded store)', rows)),
    )
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
