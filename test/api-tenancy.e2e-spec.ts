/**
 * Tenancy and roles over HTTP: who may read, manage and record attendance on which authority's
 * trusts. Another authority's trust answers 404 as if it did not exist; a role that may see a trust
 * but not make the change answers 403; neither writes anything.
 */
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@trustworks/auth';
import {
  bearer,
  decisionBody,
  expectErrorShape,
  headPosition,
  http,
  meetingBody,
  plainProposal,
  proposeTrust,
  readTrustStream,
  shadowTrust,
  startApiApp,
  tokensFor,
} from './support/api-fixtures';
import { tokenFor, type TestApp } from './support/test-app';

const OWN = 'cheshire-east';
const OTHER = 'haringey';

type Tenancy = 'own' | 'other';
type Action = 'read' | 'manage' | 'attendance';

/** The promised status of each role, on a trust of its own authority or another, for each action. */
const EXPECTED: Record<Role, Record<Tenancy, Record<Action, number>>> = {
  'programme-manager': {
    own: { read: 200, manage: 200, attendance: 200 },
    other: { read: 404, manage: 404, attendance: 404 },
  },
  'board-member': {
    own: { read: 200, manage: 403, attendance: 200 },
    other: { read: 404, manage: 404, attendance: 404 },
  },
  auditor: {
    own: { read: 200, manage: 403, attendance: 403 },
    other: { read: 404, manage: 404, attendance: 404 },
  },
  admin: {
    own: { read: 200, manage: 200, attendance: 200 },
    other: { read: 200, manage: 200, attendance: 200 },
  },
};

const CASES = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
  (['own', 'other'] as Tenancy[]).flatMap((tenancy) =>
    (['read', 'manage', 'attendance'] as Action[]).map((action) => ({
      role,
      tenancy,
      action,
      whose: tenancy === 'own' ? "its own authority's" : "another authority's",
      status: EXPECTED[role][tenancy][action],
    })),
  ),
);

describe('tenancy and roles over HTTP', () => {
  let t: TestApp;
  const trusts: Record<Tenancy, string> = { own: '', other: '' };

  beforeAll(async () => {
    t = await startApiApp();
    trusts.own = await shadowTrust(t, OWN);
    trusts.other = await shadowTrust(t, OTHER);
  });
  afterAll(async () => t.close());

  describe('the role × authority × action matrix', () => {
    let n = 0;
    const send = (action: Action, trustId: string, token: string) => {
      n += 1;
      if (action === 'read') return http(t).get(`/trusts/${trustId}`).set(bearer(token));
      const [path, body] =
        action === 'manage'
          ? ['decisions', decisionBody(`matrix-decision-${n}`)]
          : ['meetings', meetingBody(`matrix-meeting-${n}`)];
      return http(t).post(`/trusts/${trustId}/${path}`).set(bearer(token)).send(body);
    };

    it.each(CASES)(
      '$role on $whose trust: $action answers $status',
      async ({ role, tenancy, action, status }) => {
        const token = tokenFor(t, role, [OWN]);
        const trustId = trusts[tenancy];
        const before = await readTrustStream(t, trustId);

        const res = await send(action, trustId, token);

        expect(res.status).toBe(status);
        const after = await readTrustStream(t, trustId);
        const wrote = action !== 'read' && status === 200;
        expect(after.length - before.length).toBe(wrote ? 1 : 0);
        if (status >= 400) {
          expectErrorShape(res);
          expect(res.body.code).toBe(status === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
        }
        if (status === 404) {
          expect(JSON.stringify(res.body)).not.toContain(OTHER);
        }
        if (status === 200 && action === 'read') {
          expect(res.body.trust.trustId).toBe(trustId);
          expect(res.headers.etag).toBe(`"${after.length - 1}"`);
        }
        if (wrote) {
          const written = after[after.length - 1];
          expect(written.metadata).toMatchObject({ actor: `${role}@${OWN}`, authority: trust(tenancy) });
        }
      },
    );

    it('answers 404 for a trust of another authority exactly as for one that does not exist', async () => {
      const token = tokenFor(t, 'programme-manager', [OWN]);
      const hidden = await http(t).get(`/trusts/${trusts.other}`).set(bearer(token));
      const missing = await http(t).get(`/trusts/no-such-trust`).set(bearer(token));
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.code).toBe(missing.body.code);
      expect(hidden.body.message.replace(trusts.other, 'ID')).toBe(
        missing.body.message.replace('no-such-trust', 'ID'),
      );
    });
  });

  describe('auditors', () => {
    it('may not write: 403 on every command route tried, and no event is written', async () => {
      const auditor = tokenFor(t, 'auditor', [OWN]);
      const head = await headPosition(t);
      const attempts = [
        ['facilitator', { occurredAt: '2008-11-17', person: 'Someone', role: 'Facilitator' }],
        ['decisions', decisionBody('auditor-decision')],
        ['meetings', meetingBody('auditor-meeting')],
        ['key-issues/membership/proposal', { occurredAt: '2009-02-02', proposal: 'Membership options' }],
        ['vesting-day', { occurredAt: '2009-04-01' }],
      ] as const;
      for (const [path, body] of attempts) {
        const res = await http(t).post(`/trusts/${trusts.own}/${path}`).set(bearer(auditor)).send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expectErrorShape(res);
      }
      expect(await headPosition(t)).toBe(head);
    });

    it('may not create a trust, even for its own authority', async () => {
      const head = await headPosition(t);
      const res = await http(t)
        .post('/trusts')
        .set(bearer(tokenFor(t, 'auditor', [OWN])))
        .send(plainProposal(OWN));
      expect(res.status).toBe(403);
      expectErrorShape(res);
      expect(await headPosition(t)).toBe(head);
    });
  });

  describe('creating trusts', () => {
    it('refuses a programme manager creating a trust for another authority with 403, writing nothing', async () => {
      const head = await headPosition(t);
      const res = await http(t)
        .post('/trusts')
        .set(bearer(tokenFor(t, 'programme-manager', [OWN])))
        .send(plainProposal(OTHER));
      expect(res.status).toBe(403);
      expectErrorShape(res);
      expect(await headPosition(t)).toBe(head);
    });
  });

  describe('authentication', () => {
    const verifierConfig = () => t.config.auth;

    it('answers 401 with the error shape when there is no token, for reads and writes', async () => {
      const head = await headPosition(t);
      for (const res of [
        await http(t).get('/trusts'),
        await http(t).get(`/trusts/${trusts.own}`),
        await http(t).post(`/trusts/${trusts.own}/meetings`).send(meetingBody('anonymous')),
        await http(t).post('/trusts').send(plainProposal(OWN)),
      ]) {
        expect(res.status).toBe(401);
        expectErrorShape(res);
        expect(res.body.code).toBe('UNAUTHORIZED');
      }
      expect(await headPosition(t)).toBe(head);
    });

    it('answers 401 to a token signed with the wrong secret, and writes nothing', async () => {
      const { issuer, audience } = verifierConfig();
      const forged = new JwtService({}).sign(
        { name: 'Mallory', roles: ['admin'], authorities: [OWN] },
        {
          secret: 'not-the-secret-of-this-api-but-long-enough',
          algorithm: 'HS256',
          subject: 'mallory',
          issuer,
          audience,
          expiresIn: 600,
        },
      );
      const head = await headPosition(t);
      const read = await http(t).get(`/trusts/${trusts.own}`).set(bearer(forged));
      const write = await http(t)
        .post(`/trusts/${trusts.own}/meetings`)
        .set(bearer(forged))
        .send(meetingBody('forged'));
      for (const res of [read, write]) {
        expect(res.status).toBe(401);
        expectErrorShape(res);
      }
      expect(await headPosition(t)).toBe(head);
    });

    it('answers 401 to a token for another audience, an expired token and a malformed one', async () => {
      const { secret, issuer } = verifierConfig();
      const jwt = new JwtService({});
      const claims = { roles: ['admin'], authorities: [OWN] };
      const otherAudience = jwt.sign(claims, {
        secret,
        subject: 'x',
        issuer,
        audience: 'some-other-api',
        expiresIn: 600,
      });
      const expired = jwt.sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 60 },
        { secret, subject: 'x', issuer, audience: verifierConfig().audience },
      );
      for (const token of [otherAudience, expired, 'not.a.jwt']) {
        const res = await http(t).get(`/trusts/${trusts.own}`).set(bearer(token));
        expect(res.status).toBe(401);
        expectErrorShape(res);
      }
    });
  });

  describe('GET /trusts', () => {
    let third: string;
    beforeAll(async () => {
      third = await proposeTrust(t, tokensFor(t, 'dudley')['programme-manager'], plainProposal('dudley'));
      await listed(t, tokenFor(t, 'admin', []), [trusts.own, trusts.other, third]);
    });

    it("lists only the trusts of the caller's authority", async () => {
      const ids = await listedIds(t, tokenFor(t, 'programme-manager', [OWN]));
      expect(ids.sort()).toEqual([trusts.own].sort());
    });

    it('lists the trusts of both authorities for an auditor granted two', async () => {
      const ids = await listedIds(t, tokenFor(t, 'auditor', [OWN, OTHER]));
      expect(ids.sort()).toEqual([trusts.own, trusts.other].sort());
    });

    it('lists every trust for an admin, and nothing for a token with no authority', async () => {
      expect((await listedIds(t, tokenFor(t, 'admin', []))).sort()).toEqual(
        [trusts.own, trusts.other, third].sort(),
      );
      expect(await listedIds(t, tokenFor(t, 'board-member', []))).toEqual([]);
    });

    it('does not widen the list when asked for another authority by query', async () => {
      const ids = await listedIds(t, tokenFor(t, 'programme-manager', [OWN]), `?authority=${OTHER}`);
      expect(ids).toEqual([]);
    });
  });
});

const trust = (tenancy: Tenancy) => (tenancy === 'own' ? OWN : OTHER);

async function listedIds(t: TestApp, token: string, query = ''): Promise<string[]> {
  const res = await http(t).get(`/trusts${query}`).set(bearer(token)).expect(200);
  return (res.body.trusts as Array<{ trustId: string }>).map((x) => x.trustId);
}

/** Waits until the (eventually consistent) list shows these trusts to this caller. */
async function listed(t: TestApp, token: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    const seen = await listedIds(t, token);
    if (ids.every((id) => seen.includes(id))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`GET /trusts never listed ${ids.join(', ')}`);
}
