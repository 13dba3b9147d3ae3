/**
 * GET /trusts/:id stays the size of the trust's current state however long its record: meetings and
 * decisions are counted there and listed a page at a time (meetings at /trusts/:id/meetings, from
 * the same fold, with the same ETag; decisions in the decision log). Real app, real SQLite file.
 */
import {
  bearer,
  decisionBody,
  expectErrorShape,
  getTrust,
  headPosition,
  http,
  meetingBody,
  shadowTrust,
  startApiApp,
  tokensFor,
} from './support/api-fixtures';
import type { TestApp } from './support/test-app';

const MEETINGS = 70; // more than one segment of the record's log (64), so pages cross a segment edge
const DECISIONS = 3;

describe('a trust and its meetings, a page at a time', () => {
  let t: TestApp;
  let pm: string;
  let trustId: string;
  let otherTrustId: string;

  beforeAll(async () => {
    t = await startApiApp();
    pm = tokensFor(t)['programme-manager'];
    trustId = await shadowTrust(t);
    otherTrustId = await shadowTrust(t, 'haringey');
    for (let i = 0; i < MEETINGS; i += 1) {
      await http(t)
        .post(`/trusts/${trustId}/meetings`)
        .set(bearer(pm))
        .send(meetingBody(`meeting-${i}`))
        .expect(200);
    }
    for (let i = 0; i < DECISIONS; i += 1) {
      await http(t)
        .post(`/trusts/${trustId}/decisions`)
        .set(bearer(pm))
        .send(decisionBody(`decision-${i}`))
        .expect(200);
    }
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  const meetingsPage = (query: string, token = pm, id = trustId) =>
    http(t).get(`/trusts/${id}/meetings${query}`).set(bearer(token));

  it('counts the meetings and decisions on the trust instead of listing them', async () => {
    const res = await getTrust(t, trustId, pm).expect(200);
    expect(res.body.trust.meetingCount).toBe(MEETINGS);
    expect(res.body.trust.decisionCount).toBe(DECISIONS);
    expect(res.body.trust).not.toHaveProperty('meetings');
    expect(res.body.trust).not.toHaveProperty('decisions');
    expect(res.body.trust.phase).toBe('shadow');
  });

  it('lists the meetings newest recorded first, fifty to a page by default, with the trust revision as ETag', async () => {
    const trust = await getTrust(t, trustId, pm).expect(200);
    const first = await meetingsPage('').expect(200);
    expect(first.headers.etag).toBe(trust.headers.etag);
    expect(first.body).toMatchObject({
      revision: trust.body.revision,
      page: 1,
      pageSize: 50,
      total: MEETINGS,
    });
    const ids = (res: { body: { meetings: Array<{ meetingId: string }> } }) =>
      res.body.meetings.map((m) => m.meetingId);
    const expected = Array.from({ length: MEETINGS }, (_, i) => `meeting-${MEETINGS - 1 - i}`);
    expect(ids(first)).toEqual(expected.slice(0, 50));
    const second = await meetingsPage('?page=2').expect(200);
    expect(ids(second)).toEqual(expected.slice(50));
    const small = await meetingsPage('?page=3&pageSize=7').expect(200);
    expect(ids(small)).toEqual(expected.slice(14, 21));
    expect(small.body.meetings[0]).toEqual({
      meetingId: 'meeting-55',
      body: 'implementation-board',
      heldOn: '2009-02-02',
      attendees: ['m-dcs'],
      apologies: [],
      quorumMet: true,
    });
    // Past the end: an empty page, not an error; the total says there is nothing more.
    const beyond = await meetingsPage('?page=9').expect(200);
    expect(beyond.body.meetings).toEqual([]);
    expect(beyond.body.total).toBe(MEETINGS);
  });

  it('refuses a page or page size that is not a whole number in range, with 400 and a message', async () => {
    for (const query of [
      '?page=0',
      '?page=one',
      '?pageSize=0',
      '?pageSize=501',
      '?pageSize=2.5',
      '?sort=x',
    ]) {
      const res = await meetingsPage(query);
      expect(res.status).toBe(400);
      expectErrorShape(res);
    }
  });

  it("answers 404 for an unknown trust and for another authority's trust, alike", async () => {
    const unknown = await meetingsPage('', pm, '0b9b8a4e-1c1d-4a8e-9a57-3b2f4f0c9d11');
    const other = await meetingsPage('', pm, otherTrustId);
    expect(unknown.status).toBe(404);
    expect(other.status).toBe(404);
    expectErrorShape(other);
    expect(other.body.message).toBe(
      unknown.body.message.replace('0b9b8a4e-1c1d-4a8e-9a57-3b2f4f0c9d11', otherTrustId),
    );
    // The other authority's own programme manager sees it.
    await meetingsPage('', tokensFor(t, 'haringey')['programme-manager'], otherTrustId).expect(200);
  });

  it('writes nothing when read', async () => {
    const head = await headPosition(t);
    await meetingsPage('?page=2').expect(200);
    await getTrust(t, trustId, pm).expect(200);
    expect(await headPosition(t)).toBe(head);
  });
});
