import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@trustworks/event-store';
import { toView } from '@trustworks/trust-domain';
import { seedTrustEvents } from '../../../projections/src/testing/seed-events';
import { replayUntil, type Cut, type Replayed } from './as-of';
import { TimeTravel } from './time-travel';

/** Each seeded event n is recorded at 2009-01-01 + n minutes. */
const minute = (n: number) => new Date(Date.UTC(2009, 0, 1) + n * 60_000);

describe('time travel with snapshots, against a plain fold of the same real SQLite stream', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-time-travel-'));
    path = join(dir, 'events.sqlite');
    seedTrustEvents(path, 1, 700);
    store = SqliteEventStore.open({ path });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const all = async (): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const e of store.readStream('trust-seed-0')) events.push(e);
    return events;
  };
  const same = (a: Replayed, b: Replayed) => {
    expect([a.revision, a.eventsIncluded]).toEqual([b.revision, b.eventsIncluded]);
    expect(toView(a.state)).toEqual(toView(b.state));
  };

  it('answers every revision and recorded-at cut exactly as a fold from the first event', async () => {
    const travel = new TimeTravel(store);
    const events = await all();
    const cuts: Cut[] = [
      ...[0, 1, 249, 250, 251, 499, 500, 699, 5000].map((upTo) => ({ basis: 'revision' as const, upTo })),
      ...[0, 1, 250, 251, 600, 700].map((n) => ({ basis: 'recorded' as const, before: minute(n) })),
    ];
    for (const cut of cuts) same(await travel.replay('seed-0', cut), replayUntil(events, cut));
  });

  it('answers the "as we know it now" view by date exactly as a plain fold', async () => {
    const travel = new TimeTravel(store);
    const cut: Cut = { basis: 'occurred', onOrBefore: '2009-03-15' };
    same(await travel.replay('seed-0', cut), replayUntil(await all(), cut));
  });

  it('reads the events appended since the last replay, and answers for them', async () => {
    const travel = new TimeTravel(store);
    await travel.replay('seed-0', { basis: 'revision', upTo: 10 });
    seedTrustEvents(path, 1, 100, 700); // another connection, as another process would
    const fresh = new TimeTravel(store);
    const grown = await travel.replay('seed-0', { basis: 'revision', upTo: 10_000 });
    expect(grown.revision).toBe(799);
    same(grown, await fresh.replay('seed-0', { basis: 'revision', upTo: 10_000 }));
  });

  it('still answers a record whose clock ran backwards (not a prefix) like the plain fold', async () => {
    const db = new Database(path);
    db.exec('DROP TRIGGER events_no_update');
    // Revision 400 claims to have been recorded before revision 100.
    const row = db
      .prepare("SELECT metadata FROM events WHERE stream_id = 'trust-seed-0' AND revision = 400")
      .get() as {
      metadata: string;
    };
    const metadata = { ...JSON.parse(row.metadata), recordedAt: minute(50).toISOString() };
    db.prepare("UPDATE events SET metadata = ? WHERE stream_id = 'trust-seed-0' AND revision = 400").run(
      JSON.stringify(metadata),
    );
    db.close();
    const travel = new TimeTravel(store);
    const cut: Cut = { basis: 'recorded', before: minute(100) };
    const replayed = await travel.replay('seed-0', cut);
    expect(replayed.eventsIncluded).toBe(101);
    same(replayed, replayUntil(await all(), cut));
  });
});
