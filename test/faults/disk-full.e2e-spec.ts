/**
 * A full disk under the real API: DATA_DIR is a small tmpfs (a real filesystem, mounted for the test)
 * that we fill to the last byte while the app runs. Commands must get one clear 503 in the API's error
 * shape, write nothing (no event, no half of one, the SQLite file intact), reads must keep answering,
 * and once the space is freed the same app takes the same commands again, with no restart.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { HashChainedEventStore } from '@trustworks/audit';
import { EVENT_STORE, SqliteEventStore } from '@trustworks/event-store';
import {
  bearer,
  expectErrorShape,
  headPosition,
  http,
  meetingBody,
  plainProposal,
  readTrustStream,
  shadowTrust,
  startApiApp,
  tokensFor,
} from '../support/api-fixtures';
import type { TestApp } from '../support/test-app';
import { mountSmallDisk, type SmallDisk } from './support/tmpfs';

const DISK_FULL_MESSAGE =
  'The event store cannot write just now (disk full); nothing was recorded. Try again later.';
const MAX_WRITES_BEFORE_FULL = 200;

describe('disk full under the running API (DATA_DIR on a real 8 MB tmpfs, filled, then freed)', () => {
  let disk: SmallDisk;
  let t: TestApp;
  let pm: string;
  let trustId: string;

  beforeAll(async () => {
    disk = mountSmallDisk(8);
    // startApiApp lifts the write rate limit, as this test needs for its run of writes.
    t = await startApiApp({
      DATA_DIR: disk.dir,
      LOG_LEVEL: 'fatal',
      // The test compares the store's head before and after: no reminders written meanwhile.
      REMINDER_DISPATCHER: 'off',
    });
    pm = tokensFor(t)['programme-manager'];
    trustId = await shadowTrust(t);
  });

  afterAll(async () => {
    await t?.close();
    disk?.free();
    disk?.unmount();
  });

  const recordMeeting = (key: string) =>
    http(t)
      .post(`/trusts/${trustId}/meetings`)
      .set({ ...bearer(pm), 'Idempotency-Key': key })
      .send(meetingBody(`meeting-${key}`));

  const eventsWithKey = async (key: string) =>
    (await readTrustStream(t, trustId)).filter((e) => e.metadata.idempotencyKey === key);

  function expectDiskFull(res: Response): void {
    expect(res.status).toBe(503);
    expectErrorShape(res);
    expect(res.body).toEqual({
      statusCode: 503,
      code: 'EVENT_STORE.UNAVAILABLE',
      message: DISK_FULL_MESSAGE,
      details: { reason: 'disk-full', sqliteCode: 'SQLITE_FULL', retryAfterSeconds: 30 },
    });
    expect(res.headers['retry-after']).toBe('30');
  }

  it('refuses commands with 503 and writes nothing while full, then takes them again once space returns, without a restart', async () => {
    // The checkpoint thread is stopped first, so the store's own connection checkpoints (its fallback
    // mode): it does so only after a commit that succeeded. With the thread running, a checkpoint that
    // lands between two of the refused commands below lets SQLite start the WAL again in space it
    // already holds, and that command is rightly accepted without a new byte of disk.
    const chained = t.app.get<unknown>(EVENT_STORE);
    expect(chained).toBeInstanceOf(HashChainedEventStore);
    const store = (chained as HashChainedEventStore).decorated;
    expect(store).toBeInstanceOf(SqliteEventStore);
    expect((store as SqliteEventStore).checkpointer).toBeDefined();
    await (store as SqliteEventStore).checkpointer?.stop();
    disk.fill();
    // The WAL may still have room in pages it already holds: keep writing until SQLite needs a new one.
    let refused: { key: string; res: Response } | undefined;
    const accepted: string[] = [];
    for (let i = 0; i < MAX_WRITES_BEFORE_FULL && !refused; i += 1) {
      const key = randomUUID();
      const res = await recordMeeting(key);
      if (res.status === 200) accepted.push(key);
      else refused = { key, res };
    }
    expect(refused).toBeDefined();
    expectDiskFull(refused!.res);

    const head = await headPosition(t);
    const trustBefore = await http(t).get(`/trusts/${trustId}`).set(bearer(pm)).expect(200);

    // Every kind of write is refused the same way while the disk stays full.
    const again = await recordMeeting(refused!.key);
    expectDiskFull(again);
    const proposal = await http(t)
      .post('/trusts')
      .set({ ...bearer(pm), 'Idempotency-Key': randomUUID() })
      .send(plainProposal());
    expectDiskFull(proposal);

    // Nothing half-written: no event of the refused command, the head where it was, the file sound.
    expect(await eventsWithKey(refused!.key)).toEqual([]);
    expect(await headPosition(t)).toBe(head);
    for (const key of accepted) expect(await eventsWithKey(key)).toHaveLength(1);
    const trustDuring = await http(t).get(`/trusts/${trustId}`).set(bearer(pm)).expect(200);
    expect(trustDuring.headers.etag).toBe(trustBefore.headers.etag);
    expect(integrityOf(join(disk.dir, 'trustworks.sqlite'))).toBe('ok');

    disk.free();

    const retried = await recordMeeting(refused!.key);
    expect(retried.status).toBe(200);
    expect(retried.body.replayed).toBe(false);
    expect(retried.headers.etag).toBe(`"${Number(JSON.parse(trustBefore.headers.etag)) + 1}"`);
    const replayed = await recordMeeting(refused!.key);
    expect(replayed.status).toBe(200);
    expect(replayed.body.replayed).toBe(true);
    expect(await eventsWithKey(refused!.key)).toHaveLength(1);

    const next = await recordMeeting(randomUUID());
    expect(next.status).toBe(200);
    const after = (await headPosition(t)) as number;
    expect(after).toBeGreaterThan(head as number);
    // The read models follow again too (they share the disk): 503 PROJECTION_BEHIND if they did not.
    await http(t).get(`/trusts?minPosition=${after}`).set(bearer(pm)).expect(200);
    const verify = await http(t).get(`/trusts/${trustId}/verify`).set(bearer(pm)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
    expect(integrityOf(join(disk.dir, 'trustworks.sqlite'))).toBe('ok');
  });
});

function integrityOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}
