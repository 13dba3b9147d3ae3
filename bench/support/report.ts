import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured figure beside its same-run baseline. Convention for every benchmark in the project. */
export interface BenchRow {
  metric: string;
  unit: string;
  ours: number;
  baseline: number | null;
  baselineName: string;
  /** ours / baseline (or the inverse for lower-is-better units, so > 1 is always better). */
  ratio: number | null;
  /** The target, as text: '≥ 0.7×', '< 200 MB'. */
  target: string;
  pass: boolean | null;
}

export const RESULTS_DIR = join(__dirname, '..', 'results');

export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`;
}

export function writeResults(name: string, rows: BenchRow[]): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({ machine: machineLine(), at: new Date().toISOString(), rows }, null, 2),
  );
  return file;
}

export function formatTable(title: string, rows: BenchRow[]): string {
  const header = ['metric', 'ours', 'baseline', 'ratio', 'target', 'pass'];
  const body = rows.map((r) => [
    r.metric,
    `${fmt(r.ours)} ${r.unit}`,
    r.baseline === null ? '-' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName})`,
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? '-' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    `## ${title}`,
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

export function report(name: string, title: string, rows: BenchRow[]): void {
  const file = writeResults(name, rows);
  process.stdout.write(`${formatTable(title, rows)}\n(${file})\n\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratioRow(
  metric: string,
  unit: string,
  ours: number,
  baseline: number,
  baselineName: string,
  minRatio: number,
): BenchRow {
  const ratio = ours / baseline;
  return {
    metric,
    unit,
    ours,
    baseline,
    baselineName,
    ratio,
    target: `≥ ${minRatio}×`,
    pass: ratio >= minRatio,
  };
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(2);
}
