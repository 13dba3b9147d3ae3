/**
 * SIGKILL under load: the real API runs as a child process on a real SQLite data folder while
 * several clients drive commands at it over loopback, each with its own Idempotency-Key. We kill it
 * mid-flight twice, restart it on the same folder each time, and send again (same key) each command
 * whose answer was lost. Then: every 2xx command is in the store exactly once with the events it
 * named, nothing else is; the SQLite file passes its integrity check; a rebuild of the projections
 * from the events gives exactly the live projections' rows; every trust's hash chain verifies.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@trustworks/event-store';
import { ProjectionDb } from '@trustworks/projections';
import { REPO_ROOT, signToken, startApiProcess, type ApiProcess } from '../../bench/support/api-process';
import { AUTHORITY } from '../support/api-fixtures';
import { CommandDriver } from './support/command-driver';

const WORKERS = 6;
/** Acknowledged commands (counted over all runs) at which each run is killed: bounded, mid-flight. */
const ACKS_PER_RUN = [300, 600, 900];
const DRIVE_DEADLINE_MS = 40_000;

describe('the API killed with SIGKILL while commands are driven at it', () => {
  let dir: string;
  let api: ApiProcess | undefined;
  const token = signToken('programme-manager', [AUTHORITY]);
  const driver = new CommandDriver(WORKERS, token);
  let liveRows: Record<string, unknown[]>;
  let events: RecordedEvent[];
  let integrity: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-kill-'));
    for (const target of ACKS_PER_RUN) {
      api = await startApiProcess({ dataDir: dir });
      await driveAndKill(api, driver, target);
      api = undefined;
    }
    api = await startApiProcess({ dataDir: dir });
    await driver.settle(api.url);
  }, 110_000);

  afterAll(async () => {
    await api?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answered every command that was not lost in a kill with 2xx, and lost some mid-flight', () => {
    expect(driver.refused).toEqual([]);
    expect(driver.acked.length).toBeGreaterThanOrEqual(ACKS_PER_RUN[ACKS_PER_RUN.length - 1]);
    // Proof the kills landed mid-flight: answers were lost, and each was retried to a 2xx.
    expect(driver.unanswered.length).toBeGreaterThan(0);
    const retried = new Set(driver.acked.filter((a) => a.retried).map((a) => a.key));
    expect(driver.unanswered.filter((u) => !retried.has(u.key))).toEqual([]);
  });

  it('verifies the hash chain of every trust on the restarted API', async () => {
    const trustIds = driver.trustIds();
    expect(trustIds.length).toBeGreaterThanOrEqual(WORKERS);
    for (const trustId of trustIds) {
      const res = await fetch(`${api!.url}/trusts/${trustId}/verify`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect({ trustId, status: res.status, body: await res.json() }).toMatchObject({
        trustId,
        status: 200,
        body: { ok: true, firstBroken: null },
      });
    }
  });

  describe('once the restarted API has caught up and stopped', () => {
    beforeAll(async () => {
      const health = (await (await fetch(`${api!.url}/health`)).json()) as { store: { position: number } };
      // The live read models must reach the head before they are compared (503 if they do not).
      const res = await fetch(`${api!.url}/trusts?minPosition=${health.store.position}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      await api!.stop();
      api = undefined;
      const store = SqliteEventStore.open({ path: join(dir, 'trustworks.sqlite') });
      try {
        integrity = store.integrityCheck();
        events = [];
        for await (const event of store.readAll()) events.push(event);
      } finally {
        await store.close();
      }
      const live = ProjectionDb.open(join(dir, 'projections.sqlite'));
      liveRows = live.dump();
      live.db.close();
    }, 30_000);

    /** The commands' events: other streams (reminders the app issues itself) carry no client key. */
    const trustEvents = () => events.filter((e) => e.stream.startsWith('trust-'));

    it('keeps a SQLite file that passes its integrity check', () => {
      expect(integrity).toBe('ok');
    });

    it('holds every 2xx command exactly once, with the events it answered, and nothing else', () => {
      const byKey = new Map<string, RecordedEvent[]>();
      for (const event of trustEvents()) {
        const key = String(event.metadata.idempotencyKey);
        byKey.set(key, [...(byKey.get(key) ?? []), event]);
      }
      const answered = new Map(driver.acked.map((a) => [a.key, a]));
      expect(answered.size).toBe(driver.acked.length);
      for (const acked of driver.acked) {
        const stored = byKey.get(acked.key) ?? [];
        expect({ key: acked.key, ids: stored.map((e) => e.id) }).toEqual({
          key: acked.key,
          ids: acked.eventIds,
        });
        expect(stored.every((e) => e.stream === `trust-${acked.trustId}`)).toBe(true);
        expect(stored.at(-1)?.revision).toBe(acked.revision);
      }
      const unknown = [...byKey.keys()].filter((key) => !answered.has(key));
      expect(unknown).toEqual([]);
    });

    it('rebuilds the projections from the events to exactly the live rows', async () => {
      await rebuildProjections(dir);
      const rebuilt = ProjectionDb.open(join(dir, 'projections.sqlite'));
      const rebuiltRows = rebuilt.dump();
      rebuilt.db.close();
      // Every row the same. The checkpoint is where each stopped reading: the live one may have
      // passed reminder events the app wrote after the last command (the read models skip them),
      // the rebuild stops at the last trust event; both must have applied every trust event.
      type Checkpoint = { name: string; position: number };
      const { checkpoints: rebuiltAt, ...rebuiltFigures } = rebuiltRows;
      const { checkpoints: liveAt, ...liveFigures } = liveRows;
      expect(rebuiltFigures).toEqual(liveFigures);
      const lastTrustEvent = trustEvents().at(-1)!.position;
      expect(rebuiltAt as Checkpoint[]).toEqual([{ name: 'trust-read-models', position: lastTrustEvent }]);
      expect(liveAt).toEqual([
        { name: 'trust-read-models', position: expect.any(Number) as unknown as number },
      ]);
      expect((liveAt as Checkpoint[])[0].position).toBeGreaterThanOrEqual(lastTrustEvent);
      const applied = (rebuiltRows.trusts as Array<{ events_applied: number }>).reduce(
        (n, t) => n + t.events_applied,
        0,
      );
      expect(applied).toBe(trustEvents().length);
    }, 30_000);
  });
});

/** Drives until `target` commands are acknowledged, then SIGKILLs the API with requests in flight. */
async function driveAndKill(api: ApiProcess, driver: CommandDriver, target: number): Promise<void> {
  let killed: Promise<unknown> | undefined;
  const deadline = setTimeout(() => (killed ??= api.kill()), DRIVE_DEADLINE_MS);
  try {
    await driver.drive(
      api.url,
      () => killed !== undefined,
      (acked) => {
        if (acked >= target) killed ??= api.kill();
      },
    );
  } finally {
    clearTimeout(deadline);
  }
  const exit = (await (killed ?? api.kill())) as { signal: string | null };
  expect(exit.signal).toBe('SIGKILL');
  if (driver.acked.length < target) throw new Error(`only ${driver.acked.length} of ${target} acks in time`);
}

/** `npm run rebuild:projections` itself, on the same folder (the API stopped, as the script asks). */
function rebuildProjections(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/rebuild-projections.ts', '--data-dir', dataDir],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`rebuild exited ${code}: ${stderr}`)),
    );
  });
}
