/**
 * Checkpoints under a crash: the rebuild CLI runs in a child process on a real event-store file
 * and is killed with SIGKILL mid-rebuild; resuming from its checkpoint must give exactly the rows a
 * full rebuild gives (no event counted twice, none skipped). Also: the read model survives an app
 * restart and resumes after its checkpoint rather than starting over.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { ProjectionDb, Projector, TRUST_READ_MODELS, catchUp } from '@trustworks/projections';
import { seedTrustEvents } from '../libs/projections/src/testing/seed-events';

const TRUSTS = 150;
const PER_TRUST = 80;

/** Runs the rebuild CLI and kills it with SIGKILL once it has committed a few batches. */
function rebuildAndKill(dataDir: string, afterBatches: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/rebuild-projections.ts', '--data-dir', dataDir, '--batch', '25'],
      { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let batches = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      batches += chunk
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('progress')).length;
      if (batches >= afterBatches) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`rebuild exited ${code} before it was killed: ${stderr}`)),
    );
  });
}

function checkpointIn(path: string): number | null {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(TRUST_READ_MODELS) as
      { position: number } | undefined;
    return row?.position ?? null;
  } finally {
    db.close();
  }
}

describe('projection checkpoints', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-checkpoint-'));
    seedTrustEvents(join(dir, 'trustworks.sqlite'), TRUSTS, PER_TRUST);
    store = SqliteEventStore.open({ path: join(dir, 'trustworks.sqlite') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fullRebuild(path: string): Promise<Record<string, unknown[]>> {
    const projector = new Projector(store, ProjectionDb.open(path));
    projector.reset();
    await catchUp(store, projector, { batchSize: 1000 });
    const dump = projector.db.dump();
    projector.db.close();
    return dump;
  }

  it('resumes a rebuild killed with SIGKILL and ends with exactly the rows of a full rebuild', async () => {
    await rebuildAndKill(dir, 5);
    const killedAt = checkpointIn(join(dir, 'projections.sqlite'));
    const head = (await store.headPosition()) as number;
    expect(killedAt).not.toBeNull();
    expect(killedAt).toBeLessThan(head);

    const resumed = new Projector(store, ProjectionDb.open(join(dir, 'projections.sqlite')));
    const progress = await catchUp(store, resumed, { batchSize: 500 });
    expect(progress.applied).toBe(head - (killedAt as number));
    const afterResume = resumed.db.dump();
    resumed.db.close();

    const full = await fullRebuild(join(dir, 'full.sqlite'));
    expect(afterResume).toEqual(full);
    const applied = (full.trusts as Array<{ events_applied: number }>).reduce(
      (n, t) => n + t.events_applied,
      0,
    );
    expect(applied).toBe(TRUSTS * PER_TRUST);
  }, 60_000);

  it('picks up after its checkpoint when new events arrive, with no event counted twice', async () => {
    const path = join(dir, 'incremental.sqlite');
    const projector = new Projector(store, ProjectionDb.open(path));
    await catchUp(store, projector, { batchSize: 2000 });
    projector.db.close();
    await store.close();
    // 30 more events for ten existing trusts, whose states the fresh projector must rebuild.
    seedTrustEvents(join(dir, 'trustworks.sqlite'), 10, 30, PER_TRUST);
    store = SqliteEventStore.open({ path: join(dir, 'trustworks.sqlite') });
    const restarted = new Projector(store, ProjectionDb.open(path));
    expect((await catchUp(store, restarted)).applied).toBe(300);
    const incremental = restarted.db.dump();
    restarted.db.close();
    expect(incremental).toEqual(await fullRebuild(join(dir, 'full-2.sqlite')));
  }, 60_000);
});
