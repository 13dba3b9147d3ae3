/**
 * Rebuilds the read models (projections.sqlite) from the event store, for operators.
 *   node -r @swc-node/register scripts/rebuild-projections.ts [--data-dir DIR] [--resume] [--batch N]
 *     [--threads 1|2]
 * From zero by default (`rebuildReadModels`): trust by trust, each trust's stream read and written
 * once, up to the head when it began, then whatever came after in position order (`catchUp`).
 * --threads 2 (the default on two cores or more): a second thread rebuilds the trusts from the last
 * one back while this one goes from the first, until they meet.
 * --resume continues a rebuild that was stopped (after the last batch it committed), or catches up
 * from the stored checkpoint. --batch is how many events each committed batch holds at least
 * (default 100,000; a batch ends with a whole trust): a crash re-does at most one. Each batch is
 * committed with its progress, so the command may be stopped at any moment and resumed.
 * Stop the API first: two processes must not write the same projections file.
 */
import { SingleBar } from 'cli-progress';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src';
import { ProjectionDb, Projector, rebuildReadModels } from '../libs/projections/src';
import { CATCH_UP_BATCH } from '../libs/projections/src/application/catch-up';

interface Options {
  dataDir: string;
  resume: boolean;
  batch: number;
  threads: 1 | 2 | undefined;
}

function parse(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const batch = Number(value('--batch') ?? CATCH_UP_BATCH);
  if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch must be a whole number >= 1');
  const threads = value('--threads');
  if (threads !== undefined && threads !== '1' && threads !== '2')
    throw new Error('--threads must be 1 or 2');
  return {
    dataDir: resolve(value('--data-dir') ?? process.env.DATA_DIR ?? 'data'),
    resume: argv.includes('--resume'),
    batch,
    threads: threads === undefined ? undefined : (Number(threads) as 1 | 2),
  };
}

/** `value` of `total` is what the bar fills by: trusts while rebuilding, positions while catching up. */
function progressBar(
  label: string,
  total: number,
  started: number,
): {
  update: (applied: number, value: number) => void;
  stop: () => void;
} {
  const rate = (applied: number) =>
    Math.round(applied / Math.max((performance.now() - started) / 1000, 0.001));
  if (!process.stderr.isTTY) {
    // Not a terminal (a log, a pipe, a test): one line a batch instead of a redrawn bar.
    return {
      update: (applied, value) =>
        process.stdout.write(`progress ${applied} ${label} ${value}/${total} ${rate(applied)}/s\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    format: `Read models [{bar}] {percentage}% | ${label} {value}/{total} | {rate} events/s | ETA {eta}s`,
    hideCursor: true,
  });
  bar.start(total, 0, { rate: 0 });
  return {
    update: (applied, value) => bar.update(value, { rate: rate(applied) }),
    stop: () => bar.stop(),
  };
}

async function main(options: Options): Promise<void> {
  const eventsPath = join(options.dataDir, 'trustworks.sqlite');
  if (!existsSync(eventsPath)) throw new Error(`No event store at ${eventsPath}`);
  const store = SqliteEventStore.open({ path: eventsPath });
  const projector = new Projector(store, ProjectionDb.open(join(options.dataDir, 'projections.sqlite')));
  if (!options.resume) projector.reset();
  const head = (await store.headPosition()) ?? 0;
  const started = performance.now();
  // Each phase's bar appears with its first committed batch: a catch-up with nothing to do shows none.
  // Its rate counts from when the phase began (the catch-up's, from the rebuild's last batch).
  let catchUpStarted = started;
  let trusts: ReturnType<typeof progressBar> | undefined;
  let positions: ReturnType<typeof progressBar> | undefined;
  const applied = await rebuildReadModels(store, projector, {
    batchSize: options.batch,
    threads: options.threads,
    onRebuildBatch: (p) => {
      trusts ??= progressBar('trusts', p.trusts, started);
      trusts.update(p.applied, p.trustsDone);
      catchUpStarted = performance.now();
    },
    onCatchUpBatch: (p) => {
      trusts?.stop();
      positions ??= progressBar('position', head, catchUpStarted);
      positions.update(p.applied, p.position);
    },
  });
  trusts?.stop();
  positions?.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${options.resume ? 'Resumed' : 'Rebuilt'}: ${applied} events in ${seconds.toFixed(1)} s ` +
      `(${Math.round(applied / Math.max(seconds, 0.001))} events/s), checkpoint ${projector.position()}.\n`,
  );
  projector.db.close();
  await store.close();
}

// A bad flag is reported like any other failure: one line, no stack.
Promise.resolve()
  .then(() => main(parse(process.argv.slice(2))))
  .catch((error: unknown) => {
    process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
