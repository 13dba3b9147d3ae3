/**
 * The projected read models over HTTP, on a real SQLite file, with "today" from a ManualClock set to
 * 1 March 2009: a hand-built programme with known RAG and slippage (including a late dependency),
 * the dashboard, the decision log (JSON and CSV) and attendance, and read-your-writes waits.
 */
import { ManualClock } from '@trustworks/platform';
import { TO_SHADOW_BOARD, bearer, http, plainProposal, tokensFor, walk } from './support/api-fixtures';
import { startClockedApp } from './support/clocked-app';
import type { TestApp } from './support/test-app';

const MILESTONES = [
  { milestoneId: 'A', baselineDue: '2009-01-31', dependsOn: [] },
  { milestoneId: 'B', baselineDue: '2009-02-20', dependsOn: ['A'] },
  { milestoneId: 'C', baselineDue: '2009-03-10', dependsOn: ['B'] },
  { milestoneId: 'D', baselineDue: '2009-04-30', dependsOn: ['A'] },
  { milestoneId: 'E', baselineDue: '2009-06-30', dependsOn: ['C'] },
  { milestoneId: 'F', baselineDue: '2009-03-12', dependsOn: [] },
];

describe('projected read models', () => {
  let t: TestApp & { clock: ManualClock };
  let tokens: ReturnType<typeof tokensFor>;
  let trustId: string;
  let revision: number;

  const pm = async (path: string, body: Record<string, unknown>) => {
    const res = await http(t)
      .post(`/trusts/${trustId}${path}`)
      .set(bearer(tokens['programme-manager']))
      .send(body);
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${res.text}`);
    revision = res.body.revision;
  };
  const get = (path: string, token = tokens.auditor) => http(t).get(path).set(bearer(token));

  beforeAll(async () => {
    t = await startClockedApp(new ManualClock(new Date('2009-03-01T10:00:00Z')));
    tokens = tokensFor(t);
    const res = await http(t).post('/trusts').set(bearer(tokens['programme-manager'])).send(plainProposal());
    trustId = res.body.trustId;
    await walk(t, trustId, TO_SHADOW_BOARD, tokens);
    for (const m of MILESTONES) {
      await pm('/milestones', {
        occurredAt: '2009-01-20',
        title: `Milestone ${m.milestoneId}`,
        owner: 'DCS',
        ...m,
      });
    }
    await pm('/milestones/A/completion', { occurredAt: '2009-02-10' });
    await pm('/milestones/D/rebaseline', {
      occurredAt: '2009-02-25',
      newDue: '2009-05-15',
      reason: 'Consultation extended',
      approvedBy: 'Implementation Board',
    });
    await pm('/members', {
      occurredAt: '2009-01-20',
      memberId: 'm-pct',
      person: 'PCT Director',
      role: 'Member',
      organisation: 'Primary Care Trust',
      partnerCategory: 'primary-care-trust',
      minimumAttendance: 2,
    });
    for (const [id, on, attendees] of [
      ['ib-1', '2009-01-26', ['m-pct']],
      ['ib-2', '2009-02-23', []],
    ] as const) {
      await pm('/meetings', {
        occurredAt: on,
        meetingId: id,
        body: 'implementation-board',
        attendees,
        apologies: [],
        quorumMet: true,
      });
    }
    await pm('/decisions', {
      occurredAt: '2009-02-23',
      decisionId: 'd-1',
      title: 'Adopt the "collaborative" model, with a review',
      tier: 'board',
      leadAgency: 'The Council',
      rationale: 'Line one\nline two',
      meetingId: 'ib-2',
      effectiveFrom: '2009-04-01',
    });
  }, 60_000);
  afterAll(() => t.close());

  it('gives RAG, slippage and the critical path the hand-worked answers say', async () => {
    const res = await get(`/trusts/${trustId}/timeline?minRevision=${revision}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ trustId, today: '2009-03-01', criticalPath: ['A', 'B', 'C', 'E'] });
    const rows = Object.fromEntries(
      res.body.milestones.map((m: { milestoneId: string; rag: string; slippageDays: number }) => [
        m.milestoneId,
        [m.rag, m.slippageDays],
      ]),
    );
    expect(rows).toEqual({
      A: ['green', 10],
      B: ['red', 9],
      C: ['red', 0],
      D: ['amber', 15],
      E: ['green', 0],
      F: ['amber', 0],
    });
    const c = res.body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'C');
    expect(c).toMatchObject({
      ragReason: 'dependency late: B',
      critical: true,
      forecastDue: '2009-03-10',
      completedOn: null,
    });
  });

  it("shows the trust on its authority's dashboard only", async () => {
    const res = await get(`/dashboard`);
    expect(res.status).toBe(200);
    // Written from rows serialised once per revision: still JSON, every member in its place.
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['today', 'position', 'trusts', 'byPhase']);
    expect(res.body.byPhase).toEqual({ shadow: 1 });
    const listed = await get(`/trusts`);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(listed.body).toEqual({ trusts: res.body.trusts });
    expect(res.body.trusts).toEqual([
      expect.objectContaining({
        trustId,
        phase: 'shadow',
        rag: 'red',
        overdueMilestones: 1,
        nextDue: { milestoneId: 'C', title: 'Milestone C', due: '2009-03-10' },
        keyIssuesOpen: expect.arrayContaining(['membership', 'governance']),
        statutoryPartnersMissing: expect.arrayContaining(['police-authority']),
      }),
    ]);
    const other = await get('/dashboard', tokensFor(t, 'haringey').auditor);
    expect(other.body).toMatchObject({ trusts: [], byPhase: {} });
  });

  it('keeps the decision log with who recorded it and when, as JSON and as RFC 4180 CSV', async () => {
    const res = await get(`/trusts/${trustId}/decisions`);
    // Served as JSON put together from the log's text: still JSON, with the trust's revision as ETag.
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ trustId, revision: expect.any(Number) });
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    expect(res.body.decisions).toEqual([
      expect.objectContaining({
        decisionId: 'd-1',
        tier: 'board',
        leadAgency: 'The Council',
        meetingId: 'ib-2',
        meetingBody: 'implementation-board',
        meetingHeldOn: '2009-02-23',
        effectiveFrom: '2009-04-01',
        recordedBy: 'programme-manager@cheshire-east',
        recordedAt: '2009-03-01T10:00:00.000Z',
      }),
    ]);
    // Every field of the log and nothing of the row's key (trust id, sequence).
    expect(Object.keys(res.body.decisions[0]).sort()).toEqual(
      [
        'decisionId',
        'title',
        'tier',
        'leadAgency',
        'rationale',
        'meetingId',
        'meetingBody',
        'meetingHeldOn',
        'decidedOn',
        'effectiveFrom',
        'recordedBy',
        'recordedAt',
        'revision',
      ].sort(),
    );
    const csv = await get(`/trusts/${trustId}/decisions.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.text.split('\r\n');
    expect(header.startsWith('Decision,Title,Tier')).toBe(true);
    expect(row).toContain('d-1,"Adopt the ""collaborative"" model, with a review",board');
    expect(csv.text).toContain('"Line one\nline two"');
    expect(csv.text).toContain('2009-03-01T10:00:00+00:00');
  });

  it('counts attendance against each member’s committed minimum', async () => {
    const res = await get(`/trusts/${trustId}/membership`);
    expect(res.status).toBe(200);
    expect(res.body.register.length).toBeGreaterThan(0);
    expect(res.body.attendance).toEqual([
      {
        memberId: 'm-pct',
        person: 'PCT Director',
        organisation: 'Primary Care Trust',
        attended: 1,
        of: 2,
        minimumAttendance: 2,
        belowMinimum: true,
      },
    ]);
  });

  it('waits for a revision it has not reached, then says so with 503 PROJECTION_BEHIND', async () => {
    const res = await get(`/trusts/${trustId}/timeline?minRevision=${revision + 100}`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'PROJECTION_BEHIND', details: { projectedRevision: revision } });
    expect((await get(`/trusts/${trustId}/timeline`, tokensFor(t, 'haringey').auditor)).status).toBe(404);
    expect((await get(`/trusts/${trustId}/timeline?minRevision=-1`)).status).toBe(400);
  });

  it('serves a write at once when asked with the revision the command returned', async () => {
    await pm('/milestones/B/completion', { occurredAt: '2009-02-28' });
    const res = await get(`/trusts/${trustId}/timeline?minRevision=${revision}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${revision}"`);
    expect(res.body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'B').completedOn).toBe(
      '2009-02-28',
    );
  });

  it('works a dashboard row out again when its trust changes or the day turns, not before', async () => {
    const row = async () => (await get('/dashboard')).body.trusts[0];
    expect(await row()).toMatchObject({
      overdueMilestones: 0,
      nextDue: { milestoneId: 'C', due: '2009-03-10' },
    });
    t.clock.set(new Date('2009-03-11T10:00:00Z'));
    expect(await row()).toMatchObject({ rag: 'red', overdueMilestones: 1, nextDue: { milestoneId: 'F' } });
    await pm('/milestones/C/completion', { occurredAt: '2009-03-11' });
    expect((await get(`/trusts/${trustId}/timeline?minRevision=${revision}`)).status).toBe(200);
    expect(await row()).toMatchObject({ revision, overdueMilestones: 0, nextDue: { milestoneId: 'F' } });
  });
});
