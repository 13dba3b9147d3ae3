import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, machineLine, writeResults, type BenchRow } from './support/report';

/**
 * `npm run bench`: every `bench/<name>.bench.ts` in turn (or only those named on the command line),
 * each printing its figures beside a baseline measured in the same run, and writing
 * bench/results/<name>.json. Targets are ratios, never absolute times: these machines are shared.
 */
async function main(only: string[]): Promise<void> {
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  process.stdout.write(
    `# Trustworks benchmarks\n${machineLine()}; BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}\n\n`,
  );
  let failures = 0;
  for (const name of names) {
    const mod = (await import(join(__dirname, `${name}.bench.ts`))) as { run: () => Promise<BenchRow[]> };
    try {
      const rows = await mod.run();
      writeResults(name, rows);
      process.stdout.write(`${formatTable(name, rows)}\n\n`);
      failures += rows.filter((r) => r.pass === false).length;
    } catch (error) {
      failures += 1;
      process.stdout.write(`## ${name}\nFAILED: ${error instanceof Error ? error.stack : String(error)}\n\n`);
    }
  }
  process.stdout.write(failures === 0 ? 'Every target met.\n' : `${failures} target(s) missed or failed.\n`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
