import { bearer, http, plainProposal, readTrustStream, startApiApp, tokensFor } from './support/api-fixtures';
import type { TestApp } from './support/test-app';
import { ensureWebBuild } from './browser/support/web-build';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('security headers and correlation ids, over HTTP on the real app', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The web pages are served from the Vite build (made here on a fresh clone, shared with the browser tests).
    await ensureWebBuild();
    t = await startApiApp();
  }, 180_000);
  afterAll(async () => t.close());

  function expectSecurityHeaders(headers: Record<string, string>): void {
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
    // CORS stays off: no other origin is let in.
    expect(headers['access-control-allow-origin']).toBeUndefined();
  }

  it('puts them on JSON answers, error answers and the web pages alike', async () => {
    expectSecurityHeaders((await http(t).get('/health').expect(200)).headers);
    const pm = bearer(tokensFor(t)['programme-manager']);
    expectSecurityHeaders(
      (await http(t).get('/trusts/00000000-0000-4000-8000-000000000000').set(pm).expect(404)).headers,
    );
    expectSecurityHeaders((await http(t).get('/trusts').expect(401)).headers);
    const page = await http(t).get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(page.headers);
  });

  it('answers with the caller’s correlation id, or a new one, and records it on the events it writes', async () => {
    const minted = await http(t).get('/health').expect(200);
    expect(minted.headers['x-correlation-id']).toMatch(UUID);
    const other = await http(t).get('/health').expect(200);
    expect(other.headers['x-correlation-id']).not.toBe(minted.headers['x-correlation-id']);
    // Not a safe id (spaces, too long): replaced, never echoed.
    const unsafe = await http(t).get('/health').set('x-correlation-id', 'a b <c>').expect(200);
    expect(unsafe.headers['x-correlation-id']).toMatch(UUID);

    const pm = bearer(tokensFor(t)['programme-manager']);
    const res = await http(t)
      .post('/trusts')
      .set(pm)
      .set('x-correlation-id', 'committee-paper-2009-03')
      .send(plainProposal())
      .expect(201);
    expect(res.headers['x-correlation-id']).toBe('committee-paper-2009-03');
    const [event] = await readTrustStream(t, res.body.trustId);
    expect(event.metadata).toMatchObject({
      correlationId: 'committee-paper-2009-03',
      causationId: 'committee-paper-2009-03',
    });
  });
});
