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
import {
  ProjectionDb,
  Projector,
  REBUILD_BACK,
  REBUILD_FRONT,
  REBUILD_HEAD,
  TRUST_READ_MODELS,
  catchUp,
  rebuildByTrust,
} from '@trustworks/projections';
import { seedTrustEvents } from '../libs/projections/src/testing/seed-events';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';

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

function checkpointIn(path: string, name = TRUST_READ_MODELS): number | null {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(name) as
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
    const path = join(dir, 'projections.sqlite');
    const head = (await store.headPosition()) as number;
    // Killed mid-rebuild: no checkpoint yet (the rows are not a prefix of the log), its progress kept.
    expect(checkpointIn(path)).toBeNull();
    expect(checkpointIn(path, REBUILD_HEAD)).toBe(head);
    // Trusts committed from either end (the helper thread walks from the last one back).
    const trustsDone = (checkpointIn(path, REBUILD_FRONT) ?? 0) + (checkpointIn(path, REBUILD_BACK) ?? 0);
    expect(trustsDone).toBeGreaterThanOrEqual(5);
    expect(trustsDone).toBeLessThan(TRUSTS);

    const resumed = new Projector(store, ProjectionDb.open(path));
    const progress = await rebuildByTrust(store, resumed, { batchSize: 500 });
    // Every trust has PER_TRUST events: the ones it had not committed, and no others, are applied.
    expect(progress.applied).toBe((TRUSTS - trustsDone) * PER_TRUST);
    expect(resumed.position()).toBe(head);
    const afterResume = resumed.db.dump();
    resumed.db.close();

    // The same rows as a catch-up in position order from zero, and its marks gone.
    const full = await fullRebuild(join(dir, 'full.sqlite'));
    expect(afterResume).toEqual(full);
    for (const mark of [REBUILD_HEAD, REBUILD_FRONT, REBUILD_BACK])
      expect(checkpointIn(path, mark)).toBeNull();
    const applied = (full.trusts as Array<{ events_applied: number }>).reduce(
      (n, t) => n + t.events_applied,
      0,
    );
    expect(applied).toBe(TRUSTS * PER_TRUST);
  }, 60_000);

  it('an app started on a rebuild killed half-way drops its rows and builds the read models again', async () => {
    const other = mkdtempSync(join(tmpdir(), 'trustworks-checkpoint-app-'));
    try {
      seedTrustEvents(join(other, 'trustworks.sqlite'), TRUSTS, PER_TRUST);
      await rebuildAndKill(other, 3);
      expect(checkpointIn(join(other, 'projections.sqlite'), REBUILD_HEAD)).not.toBeNull();

      const config = loadConfig({ DATA_DIR: other, LOG_LEVEL: 'fatal', REMINDER_DISPATCHER: 'off' });
      const app = await createApp(config);
      let reached: number | null;
      try {
        await app.init();
        const projector = app.get(Projector);
        for (
          let waited = 0;
          (projector.position() ?? -1) < TRUSTS * PER_TRUST && waited < 10_000;
          waited += 50
        ) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        reached = projector.position();
      } finally {
        await app.close();
      }
      expect(reached).toBe(TRUSTS * PER_TRUST);

      const afterApp = ProjectionDb.open(join(other, 'projections.sqlite'));
      const otherStore = SqliteEventStore.open({ path: join(other, 'trustworks.sqlite') });
      const reference = new Projector(otherStore, ProjectionDb.open(join(other, 'reference.sqlite')));
      await catchUp(otherStore, reference);
      try {
        expect(afterApp.dump()).toEqual(reference.db.dump());
      } finally {
        afterApp.close();
        reference.db.close();
        await otherStore.close();
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
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
