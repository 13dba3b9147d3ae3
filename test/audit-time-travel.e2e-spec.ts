/**
 * Time travel over HTTP: Cheshire East (seed 000) recorded on the papers' own dates (a ManualClock
 * set to each step's day), then asked, month by month, what the record said. A decision recorded
 * late shows in "what had happened by March" but not in "what the record said in March".
 */
import { ManualClock } from '@trustworks/platform';
import {
  JUNE_TO_INAUGURATION,
  TO_JUNE_2009,
  YEAR_1_PLAN,
  bearer,
  cheshireEastProposal,
  decisionBody,
  http,
  tokensFor,
  type Step,
} from './support/api-fixtures';
import { startClockedApp } from './support/clocked-app';
import type { TestApp } from './support/test-app';

const noonOn = (day: string) => new Date(`${day}T12:00:00Z`);

/** What the papers describe at the end of each month, October 2008 to April 2010. */
const PHASE_AT_MONTH_END: Array<[string, string]> = [
  ['2008-10-31', 'approved'],
  ['2008-11-30', 'approved'],
  ['2008-12-31', 'approved'],
  ['2009-01-31', 'shadow'],
  ['2009-02-28', 'shadow'],
  ['2009-03-31', 'shadow'],
  ['2009-04-30', 'vesting'],
  ['2009-05-31', 'vesting'],
  ['2009-06-30', 'ready'],
  ...['07-31', '08-31', '09-30', '10-31', '11-30', '12-31'].map(
    (d) => [`2009-${d}`, 'operating'] as [string, string],
  ),
  ...['01-31', '02-28', '03-31', '04-30'].map((d) => [`2010-${d}`, 'operating'] as [string, string]),
];

describe('time travel on the Cheshire East record', () => {
  let t: TestApp & { clock: ManualClock };
  let tokens: ReturnType<typeof tokensFor>;
  let trustId: string;

  async function send(step: Step): Promise<void> {
    t.clock.set(noonOn(String(step.body.occurredAt)));
    const res = await http(t)
      .post(`/trusts/${trustId}${step.path}`)
      .set(bearer(tokens[step.as]))
      .send(step.body);
    if (res.status !== 200) throw new Error(`POST ${step.path} answered ${res.status}: ${res.text}`);
  }

  beforeAll(async () => {
    t = await startClockedApp(new ManualClock(noonOn('2008-10-01')));
    tokens = tokensFor(t);
    const res = await http(t)
      .post('/trusts')
      .set(bearer(tokens['programme-manager']))
      .send(cheshireEastProposal());
    expect(res.status).toBe(201);
    trustId = res.body.trustId;
    for (const step of [...TO_JUNE_2009, ...JUNE_TO_INAUGURATION, ...YEAR_1_PLAN]) {
      await send(step);
      if (step.path === '/vesting-day') {
        // A March decision that only reached the record in May.
        t.clock.set(noonOn('2009-05-15'));
        const late = await http(t)
          .post(`/trusts/${trustId}/decisions`)
          .set(bearer(tokens['programme-manager']))
          .send(decisionBody('d-late', '2009-03-10'));
        expect(late.status).toBe(200);
      }
    }
  }, 60_000);
  afterAll(() => t.close());

  const state = (query: string, token = tokens.auditor) =>
    http(t).get(`/trusts/${trustId}/state?${query}`).set(bearer(token));

  it('gives, for each month end from October 2008 to April 2010, the phase the papers describe', async () => {
    const phases: Array<[string, string]> = [];
    for (const [day] of PHASE_AT_MONTH_END) {
      const res = await state(`asOf=${day}`);
      expect(res.status).toBe(200);
      phases.push([day, res.body.phase]);
    }
    expect(phases).toEqual(PHASE_AT_MONTH_END);
  });

  it('shows a decision recorded late in "as known now" for March, not in "as recorded" in March', async () => {
    const recorded = await state('asOf=2009-03-31');
    const occurred = await state('asOf=2009-03-31&basis=occurred');
    const ids = (res: { body: { decisions: Array<{ decisionId: string }> } }) =>
      res.body.decisions.map((d) => d.decisionId);
    expect(ids(recorded)).not.toContain('d-late');
    expect(ids(occurred)).toContain('d-late');
    expect(ids(await state('asOf=2009-05-15'))).toContain('d-late');
    expect(occurred.body.phase).toBe('shadow');
  });

  it('replays up to a revision, and refuses a query that gives neither or both', async () => {
    const res = await state('revision=0');
    expect(res.body).toMatchObject({ revision: 0, phase: 'proposed', eventsIncluded: 1 });
    expect((await state('')).status).toBe(400);
    expect((await state('asOf=2009-01-01&revision=3')).status).toBe(400);
    expect((await state('asOf=not-a-date')).status).toBe(400);
  });

  it('lists what changed between two dates, with actor and a one-line summary', async () => {
    const res = await http(t)
      .get(`/trusts/${trustId}/changes?from=2009-05-01&to=2009-05-31`)
      .set(bearer(tokens.auditor));
    expect(res.status).toBe(200);
    const lines = res.body.changes as Array<{
      type: string;
      actor: string;
      summary: string;
      recordedAtLondon: string;
    }>;
    expect(lines.map((c) => c.type)).toContain('DecisionRecorded');
    const late = lines.find((c) => c.summary.includes('Decision d-late'));
    expect(late).toMatchObject({
      actor: 'programme-manager@cheshire-east',
      recordedAtLondon: '2009-05-15T13:00:00+01:00',
    });
  });

  it('pages the history with actor and authority, and exports the stream as JSON Lines', async () => {
    const page = await http(t)
      .get(`/trusts/${trustId}/history?page=2&pageSize=5`)
      .set(bearer(tokens.auditor));
    expect(page.status).toBe(200);
    expect(page.body.events.map((e: { revision: number }) => e.revision)).toEqual([5, 6, 7, 8, 9]);
    expect(page.body.events[0]).toMatchObject({ authority: 'cheshire-east', actor: expect.any(String) });
    const exported = await http(t).get(`/trusts/${trustId}/history.jsonl`).set(bearer(tokens.auditor));
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(page.body.total);
    expect(lines[0].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 404 to another authority's auditor", async () => {
    const other = tokensFor(t, 'haringey').auditor;
    expect((await state('asOf=2009-03-31', other)).status).toBe(404);
    expect((await http(t).get(`/trusts/${trustId}/history`).set(bearer(other))).status).toBe(404);
  });
});
