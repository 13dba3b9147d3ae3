import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@trustworks/event-store';
import { startTestApp, tokenFor, type TestApp } from './support/test-app';

describe('demo councils (POST /demo-data)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const http = () => request(t.app.getHttpServer());

  it('offers the demo while the store is empty', async () => {
    const res = await http()
      .get('/demo-data')
      .set('Authorization', `Bearer ${tokenFor(t, 'admin', [])}`)
      .expect(200);
    expect(res.body.storeEmpty).toBe(true);
    expect(res.body.councils.map((c: { authority: string }) => c.authority)).toEqual([
      'cheshire-east',
      'haringey',
      'dudley',
    ]);
  });

  it('refuses an auditor, and writes nothing', async () => {
    await http()
      .post('/demo-data')
      .set('Authorization', `Bearer ${tokenFor(t, 'auditor', ['cheshire-east'])}`)
      .expect(403);
    expect(await t.app.get<EventStore>(EVENT_STORE).headPosition()).toBeNull();
  });

  it('loads the three seed councils through every rule, each where its paper leaves it', async () => {
    const pm = tokenFor(t, 'programme-manager', ['cheshire-east']);
    const res = await http().post('/demo-data').set('Authorization', `Bearer ${pm}`).expect(200);
    expect(res.body.loaded.map((l: { trustId: string }) => l.trustId)).toEqual([
      'demo-cheshire-east',
      'demo-haringey',
      'demo-dudley',
    ]);
    const admin = tokenFor(t, 'admin', []);
    const phases = async (id: string) =>
      (await http().get(`/trusts/${id}`).set('Authorization', `Bearer ${admin}`).expect(200)).body.trust;
    const cheshire = await phases('demo-cheshire-east');
    expect([cheshire.phase, cheshire.planStage, cheshire.trustBoard.inauguratedOn]).toEqual([
      'operating',
      'reviewed',
      '2009-07-01',
    ]);
    const open = Object.values(cheshire.milestones as Record<string, { completedOn: string | null }>).filter(
      (m) => m.completedOn === null,
    );
    expect(open).toEqual([]);
    const haringey = await phases('demo-haringey');
    expect(haringey.phase).toBe('shadow');
    expect(haringey.keyIssues.governance.status).toBe('agreed');
    const dudley = await phases('demo-dudley');
    expect([dudley.phase, dudley.planStage, dudley.plan.publishedOn]).toEqual([
      'operating',
      'published',
      '2008-01-28',
    ]);
  });

  it('records the loader, not a person, as the actor of every demo event', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const actors = new Set<string>();
    for await (const e of store.readAll()) actors.add(String(e.metadata.actor));
    expect([...actors]).toEqual(['system:demo-data']);
  });

  it('skips councils already loaded, writing nothing the second time', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const res = await http()
      .post('/demo-data')
      .set('Authorization', `Bearer ${tokenFor(t, 'admin', [])}`)
      .expect(200);
    expect(res.body.loaded).toEqual([]);
    expect(res.body.skipped).toHaveLength(3);
    expect(await store.headPosition()).toBe(before);
  });
});
