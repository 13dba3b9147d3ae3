import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store/adapters/sqlite/sqlite-event-store';
import type { RecordedEvent } from '@trustworks/event-store/port/event-store.port';
import { collectAll } from '@trustworks/event-store/contract/test-events';

/*
 * Durability under a crash: a child process appends with synchronous=FULL from several concurrent
 * writers and acknowledges each event on stdout once its append has resolved; we SIGKILL it mid-run
 * and reopen the file. Every acknowledged event must be there, at its revision, in order, with no gaps.
 */

const REPO_ROOT = resolve(__dirname, '..');
const WRITER = 'test/support/durability-writer.ts';
const ACK_DEADLINE_MS = 40_000;
const EXIT_DEADLINE_MS = 5_000;

interface Ack {
  stream: string;
  revision: number;
  id: string;
}

interface WriterRun {
  acks: Ack[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the writer until it has acknowledged `atLeast` events, then kills it with SIGKILL. */
function runAndKill(dbPath: string, atLeast: number): Promise<WriterRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', WRITER, dbPath], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stdoutClosed = false;

    let deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `the writer acknowledged only ${acks.length} of ${atLeast} events in time; stderr: ${stderr}`,
        ),
      );
    }, ACK_DEADLINE_MS);

    const finish = () => {
      if (!exit || !stdoutClosed) return;
      clearTimeout(deadline);
      if (!killed) {
        reject(
          new Error(
            `the writer exited by itself (${JSON.stringify(exit)}) after ${acks.length} acks: ${stderr}`,
          ),
        );
        return;
      }
      resolvePromise({ acks, ...exit, stderr });
    };

    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [word, stream, revision, id] = line.split(' ');
        if (word === 'ack') acks.push({ stream, revision: Number(revision), id });
      }
      if (!killed && acks.length >= atLeast) {
        killed = true;
        child.kill('SIGKILL');
        clearTimeout(deadline);
        deadline = setTimeout(
          () => reject(new Error(`the writer did not exit within ${EXIT_DEADLINE_MS} ms of SIGKILL`)),
          EXIT_DEADLINE_MS,
        );
      }
    });
    // A line cut short by the kill was never a whole acknowledgement, so `pending` is dropped.
    child.stdout.on('close', () => {
      stdoutClosed = true;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      finish();
    });
    child.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
  });
}

function groupByStream<T extends { stream: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.stream, [...(groups.get(item.stream) ?? []), item]);
  return groups;
}

describe('SQLite event store durability when the writing process is killed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-durability-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([300, 1500])(
    'keeps every acknowledged event, in order and gap-free, after SIGKILL past %i acknowledgements',
    async (atLeast) => {
      const dbPath = join(dir, 'events.db');
      const run = await runAndKill(dbPath, atLeast);
      expect(run.signal).toBe('SIGKILL');
      expect(run.acks.length).toBeGreaterThanOrEqual(atLeast);

      const store = SqliteEventStore.open({ path: dbPath, synchronous: 'FULL' });
      try {
        const stored: RecordedEvent[] = await collectAll(store.readAll());
        const byId = new Map(stored.map((e) => [e.id, e]));
        const lost = run.acks.filter((ack) => !byId.has(ack.id));
        expect(lost).toEqual([]);
        const misplaced = run.acks.filter((ack) => {
          const event = byId.get(ack.id)!;
          return event.stream !== ack.stream || event.revision !== ack.revision;
        });
        expect(misplaced).toEqual([]);

        for (const [stream, acked] of groupByStream(run.acks)) {
          expect(acked.map((a) => a.revision)).toEqual(acked.map((_, i) => i));
          const events = await collectAll(store.readStream(stream));
          expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
          expect(events.slice(0, acked.length).map((e) => e.id)).toEqual(acked.map((a) => a.id));
        }
        for (let i = 1; i < stored.length; i++)
          expect(stored[i].position).toBeGreaterThan(stored[i - 1].position);
        expect(store.integrityCheck()).toBe('ok');
      } finally {
        await store.close();
      }
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    },
    60_000,
  );
});
