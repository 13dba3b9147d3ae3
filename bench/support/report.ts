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
  /**
   * ours / baseline (or the inverse for lower-is-better units, so > 1 is better), unless the target
   * says otherwise: a target such as '≤ 1.25×' is met by a ratio at or below it.
   */
  ratio: number | null;
  /** The target, as text: '≥ 0.7×' (on the ratio), '< 200 MB' (on ours). */
  target: string;
  pass: boolean | null;
  /** Operations that failed while this figure was measured (e.g. a peer's errors); 0 or absent: none. */
  failures?: number;
  /** Anything a reader must know to trust the figure (what failed, what was scaled down). */
  note?: string;
}

/** A row as the runner reports it: medians over the runs, with every run's figures kept. */
export interface SummaryRow extends BenchRow {
  bench: string;
  runs: number;
  perRun: Array<{ ours: number; baseline: number | null; ratio: number | null }>;
}

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function machineLine(): string {
  const m = machine();
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB.toFixed(1)} GiB, node ${m.node}, ${m.platform}`;
}

export function writeResults(name: string, rows: BenchRow[], extra: Record<string, unknown> = {}): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({ machine: machine(), at: new Date().toISOString(), ...extra, rows }, null, 2),
  );
  return file;
}

/** Medians over runs, row by row (rows are matched by metric name). */
export function summarise(bench: string, runs: BenchRow[][]): SummaryRow[] {
  const byMetric = new Map<string, BenchRow[]>();
  for (const rows of runs) {
    for (const row of rows) byMetric.set(row.metric, [...(byMetric.get(row.metric) ?? []), row]);
  }
  return [...byMetric.values()].map((rows) => summariseRow(bench, rows));
}

function summariseRow(bench: string, rows: BenchRow[]): SummaryRow {
  const first = rows[0];
  const baselines = rows.map((r) => r.baseline).filter((b): b is number => b !== null);
  const ratios = rows.map((r) => r.ratio).filter((r): r is number => r !== null);
  const ours = median(rows.map((r) => r.ours));
  // The ratio is the median of each run's own ratio: a figure only ever meets its same-run baseline.
  const ratio = ratios.length > 0 ? median(ratios) : null;
  const failures = rows.reduce((n, r) => n + (r.failures ?? 0), 0);
  const notes = [...new Set(rows.map((r) => r.note).filter((n): n is string => Boolean(n)))];
  return {
    bench,
    metric: first.metric,
    unit: first.unit,
    ours,
    baseline: baselines.length > 0 ? median(baselines) : null,
    baselineName: first.baselineName,
    ratio,
    target: first.target,
    pass: passOf(rows, ours, ratio),
    ...(failures > 0 ? { failures } : {}),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    runs: rows.length,
    perRun: rows.map((r) => ({ ours: r.ours, baseline: r.baseline, ratio: r.ratio })),
  };
}

/** Re-applies a target ('≥ 0.7×', '< 50 ms', '≤ 1.25×') to the medians; null if the text is not one. */
export function judge(target: string, ours: number, ratio: number | null): boolean | null {
  const match = /^\s*(≥|≤|>=|<=|<|>)\s*([\d.]+)\s*(×)?/.exec(target);
  if (!match) return null;
  const value = match[3] ? ratio : ours;
  if (value === null) return null;
  const limit = Number(match[2]);
  switch (match[1]) {
    case '≥':
    case '>=':
      return value >= limit;
    case '≤':
    case '<=':
      return value <= limit;
    case '<':
      return value < limit;
    default:
      return value > limit;
  }
}

/**
 * The target applied to the medians; but a run its bench failed although its figure met the target
 * (its own operations failed, say) fails the summary too.
 */
function passOf(rows: BenchRow[], ours: number, ratio: number | null): boolean | null {
  const judged = judge(rows[0].target, ours, ratio);
  if (judged === null) return majority(rows.map((r) => r.pass));
  const failedOtherwise = rows.some((r) => r.pass === false && judge(r.target, r.ours, r.ratio) === true);
  return judged && !failedOtherwise;
}

function majority(passes: Array<boolean | null>): boolean | null {
  const judged = passes.filter((p): p is boolean => p !== null);
  if (judged.length === 0) return null;
  return judged.filter(Boolean).length * 2 > judged.length;
}

export function formatTable(title: string, rows: BenchRow[]): string {
  return formatRows(`## ${title}`, rows, false);
}

/** The one table `npm run bench` prints: every bench's rows, medians over their runs. */
export function formatSummary(rows: SummaryRow[]): string {
  return formatRows('## Summary (medians)', rows, true);
}

function formatRows(title: string, rows: Array<BenchRow | SummaryRow>, summary: boolean): string {
  const header = [
    ...(summary ? ['bench'] : []),
    'metric',
    'ours',
    'baseline',
    'ratio',
    'target',
    'pass',
    ...(summary ? ['runs'] : []),
    'notes',
  ];
  const body = rows.map((r) => [
    ...(summary ? [(r as SummaryRow).bench] : []),
    r.metric,
    `${fmt(r.ours)} ${r.unit}`,
    r.baseline === null ? '-' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName})`,
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? '-' : r.pass ? 'yes' : 'NO',
    ...(summary ? [String((r as SummaryRow).runs)] : []),
    [r.failures ? `${r.failures} failed` : '', r.note ?? ''].filter(Boolean).join('; ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [title, line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join(
    '\n',
  );
}

/** For a bench run on its own (`node -r @swc-node/register bench/x.bench.ts`): one run, one table. */
export function report(name: string, title: string, rows: BenchRow[]): void {
  const file = writeResults(name, rows);
  process.stdout.write(`${formatTable(title, rows)}\n(${file})\n\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure with no same-run baseline (a latency, a peak): a target, if any, is on the value itself. */
export function valueRow(
  metric: string,
  unit: string,
  ours: number,
  target = '-',
  pass: boolean | null = null,
  note?: string,
): BenchRow {
  return {
    metric,
    unit,
    ours,
    baseline: null,
    baselineName: '-',
    ratio: null,
    target,
    pass,
    ...(note ? { note } : {}),
  };
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
  if (!Number.isFinite(n)) return String(n);
  return n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(2);
}
