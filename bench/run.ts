import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatSummary,
  machine,
  machineLine,
  RESULTS_DIR,
  summarise,
  writeResults,
  type BenchRow,
  type SummaryRow,
} from './support/report';

/**
 * `npm run bench`: every `bench/<name>.bench.ts` in turn (or only those named on the command line),
 * each run BENCH_RUNS times (default 3; a bench may cap its own runs with `export const maxRuns`,
 * e.g. a held load that is one long run). Prints one table of medians, each figure beside its
 * same-run baseline and the median of the per-run ratios, and writes bench/results/<name>.json and
 * bench/results/summary.json. Targets are ratios, never absolute times: these machines are shared.
 */

interface BenchModule {
  run: () => Promise<BenchRow[]>;
  maxRuns?: number;
}

interface BenchOutcome {
  name: string;
  rows: SummaryRow[];
  errors: string[];
  seconds: number;
}

function benchRuns(): number {
  const runs = Number(process.env.BENCH_RUNS ?? '3');
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`BENCH_RUNS must be a whole number ≥ 1, not ${runs}`);
  return runs;
}

async function runBench(name: string, wanted: number): Promise<BenchOutcome> {
  const started = performance.now();
  const mod = (await import(join(__dirname, `${name}.bench.ts`))) as BenchModule;
  const runs = Math.min(wanted, mod.maxRuns ?? wanted);
  const results: BenchRow[][] = [];
  const errors: string[] = [];
  for (let i = 1; i <= runs; i += 1) {
    const t = performance.now();
    try {
      results.push(await mod.run());
      progress(`${name}: run ${i}/${runs} done in ${seconds(t)} s`);
    } catch (error) {
      errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
      progress(`${name}: run ${i}/${runs} FAILED after ${seconds(t)} s: ${firstLine(errors.at(-1))}`);
    }
  }
  const rows = summarise(name, results);
  writeResults(name, rows, { runs, failedRuns: errors.length, errors });
  return { name, rows, errors, seconds: Number(seconds(started)) };
}

async function main(only: string[]): Promise<void> {
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`No bench/<name>.bench.ts for: ${unknown.join(', ')}`);
  const runs = benchRuns();
  const scale = process.env.BENCH_SCALE ?? '1';
  process.stdout.write(
    `# Trustworks benchmarks\n${machineLine()}\nBENCH_RUNS=${runs}; BENCH_SCALE=${scale}; medians over runs\n\n`,
  );
  const outcomes: BenchOutcome[] = [];
  for (const name of names) outcomes.push(await runBench(name, runs));

  const rows = outcomes.flatMap((o) => o.rows);
  const failedRuns = outcomes.flatMap((o) => o.errors.map((e) => `${o.name}: ${firstLine(e)}`));
  writeFileSync(
    join(RESULTS_DIR, 'summary.json'),
    JSON.stringify(
      {
        machine: machine(),
        at: new Date().toISOString(),
        benchRuns: runs,
        benchScale: Number(scale),
        benches: outcomes.map((o) => ({ name: o.name, seconds: o.seconds, failedRuns: o.errors.length })),
        failedRuns,
        rows,
      },
      null,
      2,
    ),
  );
  process.stdout.write(`\n${formatSummary(rows)}\n\n`);
  for (const failure of failedRuns) process.stdout.write(`FAILED RUN ${failure}\n`);
  const missed = rows.filter((r) => r.pass === false).length;
  process.stdout.write(
    missed + failedRuns.length === 0
      ? 'Every target met.\n'
      : `${missed} target(s) missed, ${failedRuns.length} run(s) failed.\n`,
  );
  process.stdout.write(`(${join(RESULTS_DIR, 'summary.json')})\n`);
}

function progress(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0];
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
