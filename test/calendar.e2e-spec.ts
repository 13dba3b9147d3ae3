/**
 * The iCalendar feeds over HTTP, on the real app and a real SQLite file: Cheshire East proposed from
 * its template, each feed parsed by an independent parser (ical.js) and checked against the timeline
 * read model; rebaselining and completing milestones; tenancy; and the calendar-only subscription
 * token, accepted by the .ics routes and refused everywhere else.
 */
import ICAL from 'ical.js';
import { CalendarTokens } from '@trustworks/auth';
import {
  AUTHORITY,
  bearer,
  cheshireEastProposal,
  expectErrorShape,
  http,
  proposeTrust,
  startApiApp,
  tokensFor,
} from './support/api-fixtures';
import { startTestApp, tokenFor, type TestApp } from './support/test-app';

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  allDay: boolean;
  sequence: number;
  categories: string[];
  url: string | null;
}

interface TimelineMilestone {
  milestoneId: string;
  title: string;
  owner: string;
  baselineDue: string;
  forecastDue: string;
  completedOn: string | null;
}

function parseFeed(text: string): { name: string | null; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      sequence: event.sequence,
      categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
    };
  });
  return { name: (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null, events };
}

const uidOf = (trustId: string, milestoneId: string) => `${trustId}.${milestoneId}@trustworks`;
const HARINGEY = 'haringey';

describe('iCalendar feeds', () => {
  let t: TestApp;
  let tokens: ReturnType<typeof tokensFor>;
  let trustId: string;
  let revision: number;
  let haringeyTrustId: string;

  const get = (path: string, token = tokens['programme-manager']) => http(t).get(path).set(bearer(token));
  const feed = async (path: string, token?: string) => {
    const res = await get(path, token).expect(200);
    return { res, ...parseFeed(res.text) };
  };
  const timeline = async (): Promise<TimelineMilestone[]> =>
    (await get(`/trusts/${trustId}/timeline?minRevision=${revision}`).expect(200)).body.milestones;
  const pm = async (path: string, body: Record<string, unknown>) => {
    const res = await http(t)
      .post(`/trusts/${trustId}${path}`)
      .set(bearer(tokens['programme-manager']))
      .send(body);
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${res.text}`);
    revision = res.body.revision;
  };
  const subscribe = async (body: Record<string, unknown>, token = tokens.auditor) =>
    (await http(t).post('/calendar/subscriptions').set(bearer(token)).send(body).expect(201)).body as {
      feedUrl: string;
      webcalUrl: string;
      scope: string;
      expiresAt: string;
      trustId: string | null;
    };
  const pathOf = (url: string) => {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  };

  beforeAll(async () => {
    t = await startApiApp();
    tokens = tokensFor(t);
    const res = await http(t)
      .post('/trusts')
      .set(bearer(tokens['programme-manager']))
      .send(cheshireEastProposal())
      .expect(201);
    trustId = res.body.trustId;
    revision = res.body.revision;
    haringeyTrustId = await proposeTrust(
      t,
      tokensFor(t, HARINGEY)['programme-manager'],
      cheshireEastProposal({ authority: HARINGEY, name: "Haringey Children's Trust" }),
    );
  });
  afterAll(async () => t.close());

  describe('the trust feed', () => {
    it('holds one all-day event per scheduled milestone, on its current forecast date', async () => {
      const milestones = await timeline();
      expect(milestones.length).toBeGreaterThan(10);
      const { res, name, events } = await feed(`/trusts/${trustId}/calendar.ics?minRevision=${revision}`);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-cache');
      expect(res.headers.etag).toMatch(/^W\/".+"$/);
      expect(name).toBe("Cheshire East Children's Trust: milestones");
      expect(events.map((e) => e.uid).sort()).toEqual(
        milestones.map((m) => uidOf(trustId, m.milestoneId)).sort(),
      );
      for (const m of milestones) {
        const event = events.find((e) => e.uid === uidOf(trustId, m.milestoneId));
        expect(event).toMatchObject({ start: m.forecastDue, allDay: true, sequence: revision });
        expect(event?.summary).toBe(`${m.title} (Cheshire East Children's Trust)`);
        expect(event?.description).toContain(`Owner: ${m.owner}`);
        expect(event?.description).toContain('Status: Open');
        expect(event?.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/trust/${trustId}$`));
      }
    });

    it('keeps the UID when a milestone is rebaselined, with the new date and a higher SEQUENCE', async () => {
      const before = await feed(`/trusts/${trustId}/calendar.ics?minRevision=${revision}`);
      const target = (await timeline()).find((m) => m.milestoneId.endsWith('board-inaugurated'));
      expect(target).toBeDefined();
      const uid = uidOf(trustId, target!.milestoneId);
      const old = before.events.find((e) => e.uid === uid)!;
      await pm(`/milestones/${target!.milestoneId}/rebaseline`, {
        occurredAt: '2009-03-02',
        newDue: '2009-07-15',
        reason: 'Key issues will take two more weeks',
        approvedBy: 'Implementation Board',
      });
      const after = await feed(`/trusts/${trustId}/calendar.ics?minRevision=${revision}`);
      const moved = after.events.find((e) => e.uid === uid)!;
      expect(moved.start).toBe('2009-07-15');
      expect(moved.start).not.toBe(old.start);
      expect(moved.sequence).toBeGreaterThan(old.sequence);
      expect(moved.description).toContain('Baseline date: 1 July 2009');
      expect(moved.description).toContain('Forecast date: 15 July 2009 (14 days later than baselined)');
      expect(after.events).toHaveLength(before.events.length);
      expect(after.res.headers.etag).not.toBe(before.res.headers.etag);
    });

    it('shows a completed milestone as completed, on the day it completed', async () => {
      const target = (await timeline()).find((m) => m.milestoneId.endsWith('key-issue-review-started'));
      expect(target).toBeDefined();
      await pm(`/milestones/${target!.milestoneId}/completion`, { occurredAt: '2009-01-26' });
      const { events } = await feed(`/trusts/${trustId}/calendar.ics?minRevision=${revision}`);
      const done = events.find((e) => e.uid === uidOf(trustId, target!.milestoneId))!;
      expect(done.start).toBe('2009-01-26');
      expect(done.summary).toMatch(/^Completed: /);
      expect(done.categories).toContain('Completed');
      expect(done.description).toContain('Status: Completed on 26 January 2009');
      const open = events.filter((e) => e.uid !== done.uid);
      expect(open.every((e) => !e.categories.includes('Completed'))).toBe(true);
    });

    it('filters by owner', async () => {
      const owner = "Children's Trust Implementation Board";
      const expected = (await timeline()).filter((m) => m.owner === owner);
      expect(expected.length).toBeGreaterThan(0);
      const { events } = await feed(
        `/trusts/${trustId}/calendar.ics?owner=${encodeURIComponent(owner.toUpperCase())}`,
      );
      expect(events.map((e) => e.uid).sort()).toEqual(
        expected.map((m) => uidOf(trustId, m.milestoneId)).sort(),
      );
    });

    it('answers 304 to If-None-Match with the current ETag', async () => {
      const { res } = await feed(`/trusts/${trustId}/calendar.ics`);
      const again = await get(`/trusts/${trustId}/calendar.ics`)
        .set('if-none-match', res.headers.etag as string)
        .expect(304);
      expect(again.text ?? '').toBe('');
    });

    it('may be read by an auditor of the authority', async () => {
      const { events } = await feed(`/trusts/${trustId}/calendar.ics`, tokens.auditor);
      expect(events.length).toBeGreaterThan(10);
    });

    it("answers 404 for another authority's trust, exactly as for a trust that does not exist", async () => {
      for (const id of [haringeyTrustId, 'no-such-trust']) {
        const res = await get(`/trusts/${id}/calendar.ics`).expect(404);
        expectErrorShape(res);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });

    it('refuses malformed input with 400', async () => {
      for (const query of ['owner=', 'minRevision=-1', 'minRevision=soon', 'colour=red']) {
        const res = await get(`/trusts/${trustId}/calendar.ics?${query}`).expect(400);
        expectErrorShape(res);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('needs a token', async () => {
      expectErrorShape(await http(t).get(`/trusts/${trustId}/calendar.ics`).expect(401));
    });
  });

  describe('the per-user feed', () => {
    it("holds the milestones of the caller's own authority's trusts only", async () => {
      const { events } = await feed('/calendar.ics');
      expect(events.length).toBeGreaterThan(10);
      expect(events.every((e) => e.uid.startsWith(`${trustId}.`))).toBe(true);
      const haringey = await feed('/calendar.ics', tokensFor(t, HARINGEY).auditor);
      expect(haringey.events.length).toBe(events.length);
      expect(haringey.events.every((e) => e.uid.startsWith(`${haringeyTrustId}.`))).toBe(true);
    });

    it('holds every trust for an auditor of both authorities, and filters by owner', async () => {
      const both = tokenFor(t, 'auditor', [AUTHORITY, HARINGEY]);
      const { events } = await feed('/calendar.ics', both);
      const trusts = new Set(events.map((e) => e.uid.split('.')[0]));
      expect(trusts).toEqual(new Set([trustId, haringeyTrustId]));
      expect((await feed('/calendar.ics?owner=Nobody', both)).events).toEqual([]);
      const council = await feed(`/calendar.ics?owner=${encodeURIComponent('Cheshire East Council')}`, both);
      expect(council.events.map((e) => e.summary)).toEqual(
        expect.arrayContaining(["Vesting Day (Cheshire East Children's Trust)"]),
      );
      expect(council.events.every((e) => e.description.includes('Owner: Cheshire East Council'))).toBe(true);
    });
  });

  describe('subscription addresses (calendar tokens)', () => {
    it("gives a trust feed address that works with no headers and holds the trust's milestones", async () => {
      const sub = await subscribe({ trustId });
      expect(sub.scope).toBe('calendar:read');
      expect(sub.trustId).toBe(trustId);
      expect(sub.feedUrl).toMatch(new RegExp(`/trusts/${trustId}/calendar\\.ics\\?token=`));
      expect(sub.webcalUrl).toBe(sub.feedUrl.replace(/^http:/, 'webcal:'));
      expect(Date.parse(sub.expiresAt)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
      const res = await http(t).get(pathOf(sub.feedUrl)).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const withHeader = await feed(`/trusts/${trustId}/calendar.ics`);
      expect(parseFeed(res.text).events.map((e) => e.uid)).toEqual(withHeader.events.map((e) => e.uid));
    });

    it("gives a per-user feed address, with the owner filter, that keeps to the caller's authorities", async () => {
      const sub = await subscribe({ owner: 'Cheshire East Council' });
      expect(sub.trustId).toBeNull();
      const { events } = parseFeed((await http(t).get(pathOf(sub.feedUrl)).expect(200)).text);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.uid.startsWith(`${trustId}.`))).toBe(true);
      const other = await http(t)
        .get(
          `/trusts/${haringeyTrustId}/calendar.ics?token=${new URL(sub.feedUrl).searchParams.get('token')}`,
        )
        .expect(404);
      expectErrorShape(other);
    });

    it('is refused (401) by every other route, however it is sent', async () => {
      const token = new URL((await subscribe({ trustId })).feedUrl).searchParams.get('token') as string;
      const refusals = [
        http(t).get(`/trusts/${trustId}?token=${token}`),
        http(t).get(`/trusts/${trustId}/timeline?access_token=${token}`),
        http(t).get(`/trusts/${trustId}`).set(bearer(token)),
        http(t).get('/dashboard').set(bearer(token)),
        http(t).get(`/trusts/${trustId}/decisions.csv?access_token=${token}`),
        http(t).get(`/trusts/${trustId}/calendar.ics`).set(bearer(token)),
        http(t).post('/calendar/subscriptions').set(bearer(token)).send({}),
        http(t)
          .post(`/trusts/${trustId}/milestones/x/completion?token=${token}`)
          .send({ occurredAt: '2009-01-01' }),
      ];
      for (const res of await Promise.all(refusals)) {
        expect(res.status).toBe(401);
        expectErrorShape(res);
        expect(res.body.code).toBe('UNAUTHORIZED');
      }
    });

    it('refuses a garbage, expired, foreign or ordinary token in ?token= with 401 in the one error shape', async () => {
      const calendarTokens = t.app.get(CalendarTokens);
      const expired = calendarTokens.sign(
        { subject: 'someone', roles: ['auditor'], authorities: [AUTHORITY] },
        -60,
      );
      const foreign = await startTestApp({ JWT_SECRET: 'another-servers-secret-of-at-least-32-chars' });
      const elsewhere = foreign.app
        .get(CalendarTokens)
        .sign({ subject: 'someone', roles: ['admin'], authorities: [] }, 3600);
      await foreign.close();
      const cases: Array<[string, RegExp]> = [
        ['garbage', /jwt malformed/],
        [expired, /jwt expired/],
        [elsewhere, /invalid signature/],
        [tokens.admin, /audience invalid/],
      ];
      for (const [token, reason] of cases) {
        const res = await http(t).get(`/trusts/${trustId}/calendar.ics?token=${token}`).expect(401);
        expectErrorShape(res);
        expect(res.body.code).toBe('UNAUTHORIZED');
        expect(res.body.message).toMatch(reason);
      }
      expectErrorShape(await http(t).get('/calendar.ics?token=').expect(401));
    });

    it("answers 404 for a subscription to another authority's trust and 400 for a malformed one", async () => {
      const res = await http(t)
        .post('/calendar/subscriptions')
        .set(bearer(tokens.auditor))
        .send({ trustId: haringeyTrustId })
        .expect(404);
      expectErrorShape(res);
      for (const body of [{ trustId: 'not a trust id' }, { owner: '' }, { extra: true }]) {
        const bad = await http(t)
          .post('/calendar/subscriptions')
          .set(bearer(tokens.auditor))
          .send(body)
          .expect(400);
        expectErrorShape(bad);
      }
    });
  });

  describe('the OpenAPI document', () => {
    it('describes the feeds as text/calendar, the subscription as JSON, and their errors with the error shape', async () => {
      const doc = (await http(t).get('/docs-json').expect(200)).body;
      const errorRef = { $ref: '#/components/schemas/ErrorDto' };
      for (const path of ['/trusts/{trustId}/calendar.ics', '/calendar.ics']) {
        const op = doc.paths[path].get;
        expect(op.tags).toEqual(['calendar']);
        expect(op.responses['200'].content['text/calendar'].schema).toEqual({ type: 'string' });
        expect(op.responses['200'].headers.ETag).toBeDefined();
        expect(op.responses['304']).toBeDefined();
        expect(op.responses['401'].content['application/json'].schema).toEqual(errorRef);
        expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
          expect.arrayContaining(['token', 'owner']),
        );
      }
      expect(
        doc.paths['/trusts/{trustId}/calendar.ics'].get.responses['404'].content['application/json'].schema,
      ).toEqual(errorRef);
      const subscribe = doc.paths['/calendar/subscriptions'].post;
      expect(subscribe.responses['201'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/CalendarSubscriptionDto',
      });
      expect(subscribe.requestBody.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/CreateCalendarSubscriptionDto',
      });
    });
  });
});

describe('calendar tokens in production with only an identity provider (JWKS)', () => {
  it('are off: a calendar token signed with the public development secret is refused', async () => {
    const dev = await startTestApp();
    const forged = dev.app
      .get(CalendarTokens)
      .sign({ subject: 'x', roles: ['admin'], authorities: [] }, 3600);
    await dev.close();
    const production = await startTestApp({
      NODE_ENV: 'production',
      JWKS_URI: 'https://idp.invalid/jwks.json',
    });
    try {
      expect(production.app.get(CalendarTokens).enabled).toBe(false);
      const res = await http(production).get(`/calendar.ics?token=${forged}`).expect(401);
      expectErrorShape(res);
      expect(res.body.message).toMatch(/not enabled/);
    } finally {
      await production.close();
    }
  });
});
