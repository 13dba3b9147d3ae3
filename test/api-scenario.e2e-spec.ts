/**
 * Cheshire East "Day 1 / Year 1" (seed 000) over HTTP: proposed from its template, walked with the
 * paper's dates to inauguration on 1 July 2009 and the Children Plan approved in April 2010, with an
 * early inauguration refused on the way. The real app, a real SQLite file, no mocks.
 */
import { DEFAULT_STATUTORY_RULES, KEY_ISSUES, rulesInForce } from '@trustworks/trust-domain';
import {
  AUTHORITY,
  CHESHIRE_EAST_TEMPLATE,
  EARLY_AGREED,
  EARLY_INAUGURATION_DAY,
  INAUGURATION_DAY,
  JUNE_TO_INAUGURATION,
  LATE_AGREED,
  REQUIRED_AT_INAUGURATION,
  TO_JUNE_2009,
  YEAR_1_PLAN,
  bearer,
  cheshireEastProposal,
  expectErrorShape,
  getTrust,
  headPosition,
  http,
  inauguration,
  readTrustStream,
  startApiApp,
  subjectOf,
  tokensFor,
  walk,
  type WalkResult,
} from './support/api-fixtures';
import type { TestApp } from './support/test-app';

interface RegisterEntry {
  partnerCategory: string;
  statutory: boolean;
  represented: boolean;
}

interface MilestoneView {
  milestoneId: string;
  completedBy?: { eventType: string };
  completedOn: string | null;
  completedByEvent: string | null;
  templateId?: string;
}

describe('Cheshire East Day 1 / Year 1 over HTTP', () => {
  let t: TestApp;
  let tokens: ReturnType<typeof tokensFor>;
  let trustId: string;
  let proposedRevision: number;
  const senders = new Map<number, string>();

  beforeAll(async () => {
    t = await startApiApp();
    tokens = tokensFor(t);
  });
  afterAll(async () => t.close());

  const record = (result: WalkResult) => result.senders.forEach((role, r) => senders.set(r, role));

  describe('proposal from the template', () => {
    it('creates the trust with 201, a Location, an ETag and the programme scheduled in the same append', async () => {
      const res = await http(t)
        .post('/trusts')
        .set(bearer(tokens['programme-manager']))
        .send(cheshireEastProposal());
      expect(res.status).toBe(201);
      trustId = res.body.trustId;
      proposedRevision = res.body.revision;
      expect(res.headers.location).toBe(`/trusts/${trustId}`);
      expect(res.headers.etag).toBe(`"${proposedRevision}"`);
      expect(res.body.replayed).toBe(false);
      expect(res.body.events[0].type).toBe('TrustProposed');
      const scheduled = res.body.events.filter((e: { type: string }) => e.type === 'MilestoneScheduled');
      expect(scheduled.length).toBeGreaterThan(10);
      expect(proposedRevision).toBe(res.body.events.length - 1);
      for (let r = 0; r <= proposedRevision; r += 1) senders.set(r, 'programme-manager');
    });

    it('shows the template milestones with the due dates of the paper', async () => {
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      const milestones = res.body.trust.milestones as Record<string, { forecastDue: string }>;
      const due = (key: string) => milestones[`${CHESHIRE_EAST_TEMPLATE}:${key}`]?.forecastDue;
      expect(due('approval-to-proceed')).toBe('2008-10-31');
      expect(due('facilitator-identified')).toBe('2008-11-30');
      expect(due('dcs-in-post')).toBe('2008-12-31');
      expect(due('implementation-board-convened')).toBe('2009-01-31');
      expect(due('vesting-day')).toBe('2009-04-01');
      expect(due('board-inaugurated')).toBe(INAUGURATION_DAY);
      expect(res.body.trust.phase).toBe('proposed');
      // What may come next: the approval to proceed, not yet the board's inauguration.
      expect(res.body.allowedCommands).toContain('GiveApprovalToProceed');
      expect(res.body.allowedCommands).not.toContain('InaugurateBoard');
      // Read again, unchanged: the same answer.
      expect((await getTrust(t, trustId, tokens['programme-manager']).expect(200)).body).toEqual(res.body);
    });
  });

  describe('shadow period to the end of May 2009', () => {
    it('accepts every step from the approval to proceed to the May key issue agreements', async () => {
      record(await walk(t, trustId, TO_JUNE_2009, tokens));
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      expect(res.body.trust.phase).toBe('vesting');
      expect(res.body.trust.vestingDayReachedOn).toBe('2009-04-01');
      // The answer follows the trust: once approved, the approval is no longer offered.
      expect(res.body.allowedCommands).not.toContain('GiveApprovalToProceed');
      expect(res.body.allowedCommands).toContain('AgreeKeyIssue');
      for (const k of EARLY_AGREED) expect(res.body.trust.keyIssues[k].status).toBe('agreed');
      for (const k of LATE_AGREED) expect(res.body.trust.keyIssues[k].status).toBe('proposed');
    });
  });

  describe('early inauguration in June 2009', () => {
    it('refuses it with 422 naming the key issues still open, and writes nothing', async () => {
      const before = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      const head = await headPosition(t);
      const res = await http(t)
        .post(`/trusts/${trustId}/inauguration`)
        .set(bearer(tokens['programme-manager']))
        .send(inauguration(EARLY_INAUGURATION_DAY));
      expect(res.status).toBe(422);
      expectErrorShape(res);
      expect(res.body.code).toBe('TRUST.KEY_ISSUES_OPEN');
      for (const open of LATE_AGREED) expect(res.body.message).toContain(open);
      for (const agreed of EARLY_AGREED) expect(res.body.message).not.toContain(`${agreed} (`);
      expect(res.body.details.openKeyIssues.map((o: { keyIssue: string }) => o.keyIssue)).toEqual(
        LATE_AGREED,
      );
      expect(res.headers.etag).toBeUndefined();

      const after = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      expect(after.headers.etag).toBe(before.headers.etag);
      expect(after.body.revision).toBe(before.body.revision);
      expect(after.body.trust.trustBoard).toBeNull();
      expect(await headPosition(t)).toBe(head);
      const stream = await readTrustStream(t, trustId);
      expect(stream).toHaveLength(before.body.revision + 1);
      expect(stream.map((e) => e.type)).not.toContain('BoardInaugurated');
    });
  });

  describe('June 2009 to inauguration on 1 July 2009 and the plan of April 2010', () => {
    it('accepts the last key issues, the constitution, the business unit and the inauguration', async () => {
      record(await walk(t, trustId, JUNE_TO_INAUGURATION, tokens));
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      expect(res.body.trust.phase).toBe('operating');
      expect(res.body.trust.trustBoard).toEqual({
        boardName: "Cheshire East Children's Trust Board",
        chair: 'Lead Member for Children',
        inauguratedOn: INAUGURATION_DAY,
      });
    });

    it('had every statutory partner category of July 2009 represented when the board was inaugurated', async () => {
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      const register = res.body.membershipRegister as RegisterEntry[];
      expect(register.filter((e) => e.statutory && !e.represented)).toEqual([]);
      const represented = new Set(register.filter((e) => e.represented).map((e) => e.partnerCategory));
      for (const category of REQUIRED_AT_INAUGURATION) expect(represented).toContain(category);
    });

    it('accepts the Year 1 decision and the Children Plan approval', async () => {
      record(await walk(t, trustId, YEAR_1_PLAN, tokens));
    });
  });

  describe('the trust at the end', () => {
    it('is operating, with all eight key issues agreed and the ETag equal to the revision', async () => {
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      expect(res.body.trust.phase).toBe('operating');
      expect(res.body.trust.planStage).toBe('approved');
      expect(res.headers.etag).toBe(`"${res.body.revision}"`);
      const stream = await readTrustStream(t, trustId);
      expect(res.body.revision).toBe(stream.length - 1);
      for (const k of KEY_ISSUES) expect(res.body.trust.keyIssues[k].status).toBe('agreed');
      expect(Object.keys(res.body.trust.keyIssues).sort()).toEqual([...KEY_ISSUES].sort());
    });

    it('applies the law of April 2010 to the register: only partners added in 2010 can be empty seats', async () => {
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      const register = res.body.membershipRegister as RegisterEntry[];
      const seated = new Set(register.filter((e) => e.represented).map((e) => e.partnerCategory));
      const empty = register.filter((e) => e.statutory && !e.represented).map((e) => e.partnerCategory);
      const addedAndUnseated = rulesInForce(DEFAULT_STATUTORY_RULES, '2010-04-19', false)
        .map((rule) => rule.category)
        .filter((category) => !REQUIRED_AT_INAUGURATION.includes(category) && !seated.has(category));
      expect(addedAndUnseated.length).toBeGreaterThan(0);
      expect(empty.sort()).toEqual([...addedAndUnseated].sort());
    });

    it('auto-completed every template milestone that names a completing event, on that event', async () => {
      const res = await getTrust(t, trustId, tokens['programme-manager']).expect(200);
      const milestones = Object.values(res.body.trust.milestones as Record<string, MilestoneView>);
      const fromTemplate = milestones.filter((m) => m.milestoneId.startsWith(`${CHESHIRE_EAST_TEMPLATE}:`));
      const automatic = fromTemplate.filter((m) => m.completedBy);
      expect(automatic.length).toBeGreaterThanOrEqual(14);
      const notDone = automatic.filter(
        (m) => m.completedOn === null || m.completedByEvent !== m.completedBy?.eventType,
      );
      expect(notDone.map((m) => m.milestoneId)).toEqual([]);
      const manualOnly = fromTemplate.filter((m) => !m.completedBy);
      expect(manualOnly.every((m) => m.completedOn === null)).toBe(true);
      const inaugurated = fromTemplate.find((m) => m.milestoneId.endsWith(':board-inaugurated'));
      expect(inaugurated?.completedOn).toBe(INAUGURATION_DAY);
    });

    it('records on every event the actor and authority of the token that sent it', async () => {
      const stream = await readTrustStream(t, trustId);
      expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
      expect(senders.size).toBe(stream.length);
      for (const event of stream) {
        const role = senders.get(event.revision) as 'programme-manager' | 'board-member';
        expect({ revision: event.revision, type: event.type, ...pick(event.metadata) }).toEqual({
          revision: event.revision,
          type: event.type,
          actor: subjectOf(role),
          authority: AUTHORITY,
          actorRoles: [role],
        });
      }
      const meetings = stream.filter((e) => e.type === 'MeetingHeld');
      expect(meetings.length).toBe(4);
      expect(new Set(meetings.map((e) => e.metadata.actor))).toEqual(new Set([subjectOf('board-member')]));
    });
  });
});

function pick(metadata: Record<string, unknown>) {
  return { actor: metadata.actor, authority: metadata.authority, actorRoles: metadata.actorRoles };
}
