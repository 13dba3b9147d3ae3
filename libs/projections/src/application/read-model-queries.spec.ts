import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { collectAll } from '@trustworks/event-store/contract/test-events';
import { DEFAULT_THRESHOLDS } from '../domain/timeline';
import { seedTrustEvents } from '../testing/seed-events';
import { ProjectionDb } from '../store/projection-db';
import { Projector } from './projector';
import { ReadModelQueries } from './read-model-queries';

const TRUSTS = 4;
const PER_TRUST = 120;

/** Real event-store and projection files: the decision log's JSON against the rows it comes from. */
describe('ReadModelQueries.decisionsJson', () => {
  let dir: string;
  let store: SqliteEventStore;
  let projector: Projector;
  let queries: ReadModelQueries;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-queries-'));
    seedTrustEvents(join(dir, 'events.sqlite'), TRUSTS, PER_TRUST);
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    projector = new Projector(store, ProjectionDb.open(join(dir, 'projections.sqlite')));
    queries = new ReadModelQueries(projector, { now: () => new Date() }, DEFAULT_THRESHOLDS);
  });

  afterEach(async () => {
    projector.db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const asRows = (trustId: string) => JSON.stringify(queries.decisions(trustId));

  it('gives the log the rows hold, and reads only from its last entry on once it has it', async () => {
    const events = await collectAll(store.readAll());
    const half = Math.floor(events.length / 2);
    await projector.apply(events.slice(0, half), events[half - 1].position);
    // The rows decisionsJson reads (not the ones the comparison below reads through `decisions`).
    const reads: number[] = [];
    const from = projector.db.decisionsFrom.bind(projector.db);
    const json = queries.decisionsJson.bind(queries);
    let counting = false;
    projector.db.decisionsFrom = (trustId, seq) => {
      if (counting) reads.push(seq);
      return from(trustId, seq);
    };
    queries.decisionsJson = (trustId) => {
      counting = true;
      try {
        return json(trustId);
      } finally {
        counting = false;
      }
    };
    const first = JSON.parse(queries.decisionsJson('seed-1')) as unknown[];
    expect(first.length).toBeGreaterThan(10);
    expect(queries.decisionsJson('seed-1')).toBe(asRows('seed-1'));
    await projector.apply(events.slice(half), events[events.length - 1].position);
    const whole = queries.decisionsJson('seed-1');
    expect(whole).toBe(asRows('seed-1'));
    expect((JSON.parse(whole) as unknown[]).length).toBeGreaterThan(first.length);
    // The first read took the whole log; each later one only its last entry and what came after.
    expect(reads).toEqual([0, first.length - 1, first.length - 1]);
    for (let t = 0; t < TRUSTS; t += 1) expect(queries.decisionsJson(`seed-${t}`)).toBe(asRows(`seed-${t}`));
    expect(queries.decisionsJson('no-such-trust')).toBe('[]');
  });

  it('reads the whole log again when the rows it was worked out from are gone or different', async () => {
    const events = await collectAll(store.readAll());
    await projector.apply(events, events[events.length - 1].position);
    const long = queries.decisionsJson('seed-2');
    // A rebuild that has not got as far yet: fewer rows than the log last served.
    projector.reset();
    const third = Math.floor(events.length / 3);
    await projector.apply(events.slice(0, third), events[third - 1].position);
    const short = queries.decisionsJson('seed-2');
    expect(short).toBe(asRows('seed-2'));
    expect(short.length).toBeLessThan(long.length);
    // The same number of rows, but not the same last one.
    projector.db.db
      .prepare(
        "UPDATE decisions SET decision_id = 'replaced' WHERE trust_id = 'seed-2' AND seq = (SELECT MAX(seq) FROM decisions WHERE trust_id = 'seed-2')",
      )
      .run();
    expect(queries.decisionsJson('seed-2')).toBe(asRows('seed-2'));
    expect(queries.decisionsJson('seed-2')).toContain('"decisionId":"replaced"');
  });

  it('serialises a dashboard row once, and a trust that moved on as its new row', async () => {
    const events = await collectAll(store.readAll());
    const half = Math.floor(events.length / 2);
    await projector.apply(events.slice(0, half), events[half - 1].position);
    const principal = { subject: 'a', name: 'A', roles: ['admin' as const], authorities: [] };
    const before = queries.dashboard(principal).trusts;
    const texts = before.map((row) => queries.rowJson(row));
    expect(texts).toEqual(before.map((row) => JSON.stringify(row)));
    expect(queries.rowJson(before[0])).toBe(texts[0]);
    await projector.apply(events.slice(half), events[events.length - 1].position);
    const after = queries.dashboard(principal).trusts;
    expect(after.map((row) => queries.rowJson(row))).toEqual(after.map((row) => JSON.stringify(row)));
    expect(after.map((row) => queries.rowJson(row))).not.toEqual(texts);
  });
});
