import {
  bearer,
  expectErrorShape,
  headPosition,
  http,
  plainProposal,
  startApiApp,
  tokensFor,
} from './support/api-fixtures';
import type { TestApp } from './support/test-app';

describe('the write rate limit, over HTTP on the real app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApiApp({ WRITE_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => t.close());

  it('refuses the fourth write in a minute with 429, Retry-After and the error shape, writing nothing; reads go on', async () => {
    const pm = bearer(tokensFor(t)['programme-manager']);
    const created: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await http(t).post('/trusts').set(pm).send(plainProposal()).expect(201);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      created.push(res.body.trustId);
    }
    const before = await headPosition(t);
    const refused = await http(t).post('/trusts').set(pm).send(plainProposal());
    expect(refused.status).toBe(429);
    expectErrorShape(refused);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.message).toMatch(/wait a moment/);
    // Blocked for the configured minute.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(61);
    expect(await headPosition(t)).toBe(before);
    // Reads are never throttled.
    for (const trustId of created) {
      await http(t).get(`/trusts/${trustId}`).set(pm).expect(200);
    }
    await http(t).get('/trusts').set(pm).expect(200);
  });
});
