import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionDb, type DecisionRow } from './projection-db';

function row(trustId: string, seq: number): DecisionRow {
  return {
    trustId,
    seq,
    decisionId: `${trustId}-d${seq}`,
    title: `Decision ${seq} of ${trustId}`,
    tier: 'board',
    leadAgency: 'The Council',
    rationale: 'Agreed',
    meetingId: null,
    meetingBody: null,
    meetingHeldOn: null,
    decidedOn: '2009-02-02',
    effectiveFrom: '2009-03-01',
    recordedBy: 'pm@example.gov.uk',
    recordedAt: `2009-02-02T10:00:${String(seq).padStart(2, '0')}.000Z`,
    revision: 10 + seq,
  };
}

describe('ProjectionDb decisions (a real SQLite file)', () => {
  let dir: string;
  let db: ProjectionDb;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-projection-db-'));
    db = ProjectionDb.open(join(dir, 'projections.sqlite'));
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores rows given in event order across trusts (more than one multi-row insert) as each trust’s log in sequence', () => {
    // Event order: the trusts' decisions interleave; one trust's arrive newest first here.
    const given: DecisionRow[] = [];
    for (let seq = 0; seq < 40; seq += 1) given.push(row('trust-b', seq), row('trust-a', 39 - seq));
    const asGiven = given.map((r) => `${r.trustId}/${r.seq}`);

    db.transaction(() => db.insertDecisions(given));

    expect(given.map((r) => `${r.trustId}/${r.seq}`)).toEqual(asGiven);
    for (const trustId of ['trust-a', 'trust-b']) {
      const log = db.decisionsFrom(trustId, 0);
      expect(log.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(log).toEqual(Array.from({ length: 40 }, (_, i) => row(trustId, i)));
    }
    expect(db.decisionsFrom('trust-a', 35).map((r) => r.decisionId)).toEqual(
      [35, 36, 37, 38, 39].map((seq) => `trust-a-d${seq}`),
    );
  });
});
