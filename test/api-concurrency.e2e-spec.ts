/**
 * Concurrency and retries over HTTP: If-Match (the ETag is the stream revision), Idempotency-Key
 * (a retry answers the first result and writes nothing), and many writers on one trust at once.
 */
import type { Response } from 'supertest';
import {
  AUTHORITY,
  bearer,
  decisionBody,
  expectErrorShape,
  getTrust,
  headPosition,
  http,
  meetingBody,
  plainProposal,
  readTrustStream,
  shadowTrust,
  startApiApp,
  subjectOf,
  tokensFor,
} from './support/api-fixtures';
import type { Principal } from '@trustworks/auth';
import type { TrustCommand } from '@trustworks/trust-domain';
import { TrustCommandHandler } from '@trustworks/trusts';
import type { TestApp } from './support/test-app';

describe('concurrency and retries over HTTP', () => {
  let t: TestApp;
  let pm: string;

  beforeAll(async () => {
    t = await startApiApp();
    pm = tokensFor(t)['programme-manager'];
  });
  afterAll(async () => t.close());

  const recordMeeting = (trustId: string, meetingId: string, headers: Record<string, string> = {}) =>
    http(t)
      .post(`/trusts/${trustId}/meetings`)
      .set({ ...bearer(pm), ...headers })
      .send(meetingBody(meetingId));

  const etagOf = async (trustId: string) => (await getTrust(t, trustId, pm).expect(200)).headers.etag;
  /** The ids of every meeting the trust has recorded (a few here: one page holds them). */
  const meetingIds = async (trustId: string): Promise<string[]> => {
    const res = await http(t).get(`/trusts/${trustId}/meetings?pageSize=500`).set(bearer(pm)).expect(200);
    expect(res.body.total).toBe(res.body.meetings.length);
    return (res.body.meetings as Array<{ meetingId: string }>).map((m) => m.meetingId);
  };

  describe('If-Match', () => {
    let trustId: string;
    beforeAll(async () => {
      trustId = await shadowTrust(t);
    });

    it('refuses a stale If-Match with 412 PRECONDITION_FAILED and writes nothing', async () => {
      const stale = await etagOf(trustId);
      await recordMeeting(trustId, 'by-someone-else').expect(200);
      const current = await getTrust(t, trustId, pm).expect(200);
      const head = await headPosition(t);

      const res = await recordMeeting(trustId, 'stale-write', { 'If-Match': stale });

      expect(res.status).toBe(412);
      expectErrorShape(res);
      expect(res.body.code).toBe('PRECONDITION_FAILED');
      expect(res.body.details).toEqual({
        expected: Number(JSON.parse(stale)),
        actual: current.body.revision,
      });
      expect(await headPosition(t)).toBe(head);
      const after = await getTrust(t, trustId, pm).expect(200);
      expect(after.headers.etag).toBe(current.headers.etag);
      expect(await meetingIds(trustId)).not.toContain('stale-write');
      expect(await meetingIds(trustId)).toContain('by-someone-else');
    });

    it('accepts the current If-Match with 200 and answers the next revision as the ETag', async () => {
      const before = await getTrust(t, trustId, pm).expect(200);

      const res = await recordMeeting(trustId, 'fresh-write', { 'If-Match': before.headers.etag });

      expect(res.status).toBe(200);
      expect(res.body.revision).toBe(before.body.revision + 1);
      expect(res.headers.etag).toBe(`"${before.body.revision + 1}"`);
      expect(res.body.replayed).toBe(false);
      const after = await getTrust(t, trustId, pm).expect(200);
      expect(after.headers.etag).toBe(res.headers.etag);
      expect(await meetingIds(trustId)).toContain('fresh-write');
    });

    it('accepts the weak and bare forms of the current ETag', async () => {
      const revision = (await getTrust(t, trustId, pm).expect(200)).body.revision as number;
      await recordMeeting(trustId, 'weak-form', { 'If-Match': `W/"${revision}"` }).expect(200);
      await recordMeeting(trustId, 'bare-form', { 'If-Match': `${revision + 1}` }).expect(200);
    });

    it('refuses a malformed If-Match with 400 BAD_IF_MATCH and writes nothing', async () => {
      const head = await headPosition(t);
      const res = await recordMeeting(trustId, 'bad-if-match', { 'If-Match': 'yesterday' });
      expect(res.status).toBe(400);
      expectErrorShape(res);
      expect(res.body.code).toBe('BAD_IF_MATCH');
      expect(await headPosition(t)).toBe(head);
    });

    it('accepts exactly one of several concurrent writes made with the same If-Match', async () => {
      const before = await getTrust(t, trustId, pm).expect(200);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          recordMeeting(trustId, `race-${i}`, { 'If-Match': before.headers.etag }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
      const stream = await readTrustStream(t, trustId);
      expect(stream).toHaveLength(before.body.revision + 2);
    });
  });

  describe('Idempotency-Key', () => {
    let trustId: string;
    beforeAll(async () => {
      trustId = await shadowTrust(t);
    });

    it('answers a retried command with the first result, replayed: true, and writes one set of events', async () => {
      const before = (await readTrustStream(t, trustId)).length;
      const key = 'meeting-retry-0001';

      const first = await recordMeeting(trustId, 'retried', { 'Idempotency-Key': key }).expect(200);
      const head = await headPosition(t);
      const second = await recordMeeting(trustId, 'retried', { 'Idempotency-Key': key }).expect(200);

      expect(first.body.replayed).toBe(false);
      expect(second.body).toEqual({ ...first.body, replayed: true });
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(await headPosition(t)).toBe(head);
      const stream = await readTrustStream(t, trustId);
      expect(stream).toHaveLength(before + 1);
      expect(stream.filter((e) => e.metadata.idempotencyKey === key).map((e) => e.id)).toEqual(
        first.body.events.map((e: { id: string }) => e.id),
      );
    });

    it('writes one set of events when two retries with the same key arrive at once', async () => {
      const before = (await readTrustStream(t, trustId)).length;
      const key = 'meeting-retry-0002';
      const answers = await Promise.all([
        recordMeeting(trustId, 'retried-at-once', { 'Idempotency-Key': key }),
        recordMeeting(trustId, 'retried-at-once', { 'Idempotency-Key': key }),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      expect(answers.map((r) => r.body.replayed).sort()).toEqual([false, true]);
      expect(answers[0].body.revision).toBe(answers[1].body.revision);
      expect(await readTrustStream(t, trustId)).toHaveLength(before + 1);
    });

    it('refuses a malformed Idempotency-Key with 400 BAD_IDEMPOTENCY_KEY and writes nothing', async () => {
      const head = await headPosition(t);
      const res = await recordMeeting(trustId, 'bad-key', { 'Idempotency-Key': 'short' });
      expect(res.status).toBe(400);
      expectErrorShape(res);
      expect(res.body.code).toBe('BAD_IDEMPOTENCY_KEY');
      expect(await headPosition(t)).toBe(head);
    });

    it('creates one trust when POST /trusts is retried with the same key', async () => {
      const key = 'create-trust-retry-0001';
      const body = plainProposal(AUTHORITY, { name: 'Retried creation' });
      const first = await http(t)
        .post('/trusts')
        .set({ ...bearer(pm), 'Idempotency-Key': key })
        .send(body)
        .expect(201);
      const head = await headPosition(t);
      const second = await http(t)
        .post('/trusts')
        .set({ ...bearer(pm), 'Idempotency-Key': key })
        .send(body);

      expect([200, 201]).toContain(second.status);
      expect(second.body.trustId).toBe(first.body.trustId);
      expect(second.body.revision).toBe(first.body.revision);
      expect(second.body.replayed).toBe(true);
      expect(await headPosition(t)).toBe(head);
      expect(await readTrustStream(t, first.body.trustId)).toHaveLength(first.body.events.length);
      const named = await listNamed(t, pm, 'Retried creation');
      expect(named).toEqual([first.body.trustId]);
    });

    it('creates one trust when two creations with the same key arrive at once', async () => {
      const key = 'create-trust-retry-0002';
      const body = plainProposal(AUTHORITY, { name: 'Created twice at once' });
      const answers = await Promise.all(
        [1, 2].map(() =>
          http(t)
            .post('/trusts')
            .set({ ...bearer(pm), 'Idempotency-Key': key })
            .send(body),
        ),
      );
      for (const res of answers) expect(res.status).toBeLessThan(300);
      expect(answers[0].body.trustId).toBe(answers[1].body.trustId);
      expect(answers.map((r) => r.body.replayed).sort()).toEqual([false, true]);
      expect(await listNamed(t, pm, 'Created twice at once')).toEqual([answers[0].body.trustId]);
    });
  });

  describe('concurrent commands without If-Match', () => {
    it('end 200 or a 4xx the API documents, never 5xx, and leave a gap-free stream', async () => {
      const trustId = await shadowTrust(t);
      const before = await readTrustStream(t, trustId);
      const requests: Array<() => Promise<Response>> = [
        ...Array.from({ length: 10 }, (_, i) => () => recordMeeting(trustId, `parallel-${i}`)),
        ...Array.from({ length: 4 }, () => () => recordMeeting(trustId, 'parallel-duplicate')),
        ...Array.from(
          { length: 4 },
          (_, i) => () =>
            http(t)
              .post(`/trusts/${trustId}/decisions`)
              .set(bearer(pm))
              .send(decisionBody(`parallel-decision-${i}`)),
        ),
      ];

      const answers = await Promise.all(requests.map((send) => send()));

      const unexpected = answers.filter((r) => ![200, 409, 422].includes(r.status));
      expect(unexpected.map((r) => ({ status: r.status, body: r.body }))).toEqual([]);
      for (const res of answers.filter((r) => r.status !== 200)) expectErrorShape(res);
      const stream = await readTrustStream(t, trustId);
      expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
      const accepted = answers.filter((r) => r.status === 200);
      expect(stream.length - before.length).toBe(accepted.length);
      for (const res of accepted) {
        expect(res.headers.etag).toBe(`"${res.body.revision}"`);
        expect(stream[res.body.revision].id).toBe(res.body.events[0].id);
      }
      expect(new Set(accepted.map((r) => r.body.revision)).size).toBe(accepted.length);
      const duplicates = stream.filter(
        (e) =>
          e.type === 'MeetingHeld' && (e.data as { meetingId: string }).meetingId === 'parallel-duplicate',
      );
      expect(duplicates).toHaveLength(1);
      const refusedDuplicates = answers.filter((r) => r.body.code === 'TRUST.MEETING_ALREADY_RECORDED');
      expect(refusedDuplicates.every((r) => r.status === 422)).toBe(true);
    });

    it('commits the second of two commands on one trust in the same event-loop turn as the first', async () => {
      // In-process, through the command handler the controllers use: HTTP cannot time two arrivals.
      const trustId = await shadowTrust(t);
      const handler = t.app.get(TrustCommandHandler);
      const principal: Principal = {
        subject: subjectOf('programme-manager'),
        roles: ['programme-manager'],
        authorities: [AUTHORITY],
      };
      const meeting = (meetingId: string) =>
        ({ type: 'RecordMeeting', data: meetingBody(meetingId) }) as unknown as TrustCommand;
      // Counts the turns of the event loop: one increment in each check phase.
      let turn = 0;
      let ticking = true;
      const tick = () => {
        turn += 1;
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      const answeredIn: number[] = [];
      try {
        const answers = await Promise.all(
          ['same-turn-1', 'same-turn-2'].map((id) =>
            handler.execute(trustId, meeting(id), principal, { correlationId: id }).then((answer) => {
              answeredIn.push(turn);
              return answer;
            }),
          ),
        );
        // The second waited for the first (commands on one trust are taken in turn) and followed it.
        expect(answers[1].revision).toBe(answers[0].revision + 1);
      } finally {
        ticking = false;
      }
      expect(answeredIn).toHaveLength(2);
      expect(answeredIn[1]).toBe(answeredIn[0]);
      const stream = await readTrustStream(t, trustId);
      expect(stream.slice(-2).map((e) => (e.data as { meetingId: string }).meetingId)).toEqual([
        'same-turn-1',
        'same-turn-2',
      ]);
    });
  });
});

/** The ids of the trusts of that name in GET /trusts, once the list has caught up with the writes. */
async function listNamed(t: TestApp, token: string, name: string): Promise<string[]> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const res = await http(t).get('/trusts').set(bearer(token)).expect(200);
    const ids = (res.body.trusts as Array<{ trustId: string; name: string }>)
      .filter((trust) => trust.name === name)
      .map((trust) => trust.trustId);
    if (ids.length > 0 || Date.now() > deadline) return ids;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
