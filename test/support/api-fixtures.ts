/**
 * Request bodies and HTTP helpers shared by the api-*.e2e-spec files: the Cheshire East "Day 1 /
 * Year 1" programme (seed 000) as the sequence of requests a programme manager would send, and a
 * walker that sends them to the real app and insists on 200 for each.
 */
import request from 'supertest';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '@trustworks/event-store';
import type { Role } from '@trustworks/auth';
import {
  DEFAULT_STATUTORY_RULES,
  KEY_ISSUES,
  rulesInForce,
  type KeyIssue,
  type PartnerCategory,
} from '@trustworks/trust-domain';
import { startTestApp, tokenFor, type TestApp } from './test-app';

export const AUTHORITY = 'cheshire-east';
export const CHESHIRE_EAST_TEMPLATE = 'cheshire-east-day-1-year-1';
export const VESTING_DAY = '2009-04-01';
export const EARLY_INAUGURATION_DAY = '2009-06-01';
export const INAUGURATION_DAY = '2009-07-01';
export const PLAN_ID = 'cheshire-children-plan-2009';

/** A step of the walk: a POST under /trusts/:trustId, sent as the programme manager or a board member. */
export interface Step {
  path: string;
  body: Record<string, unknown>;
  as: 'programme-manager' | 'board-member';
}

export type Body = Record<string, unknown>;

/**
 * The real app on a real SQLite file, listening on a port of its own: supertest then leaves the
 * server alone instead of closing and reopening it between requests (which, with many requests in a
 * row, ends in "server closed before listening"). Writes are not rate-limited unless asked.
 */
export async function startApiApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  await t.app.listen(0, '127.0.0.1');
  return t;
}

export const http = (t: TestApp) => request(t.app.getHttpServer());

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function tokensFor(t: TestApp, authority = AUTHORITY): Record<Role, string> {
  return {
    'programme-manager': tokenFor(t, 'programme-manager', [authority]),
    'board-member': tokenFor(t, 'board-member', [authority]),
    auditor: tokenFor(t, 'auditor', [authority]),
    admin: tokenFor(t, 'admin', [authority]),
  };
}

/** The subject tokenFor gives a role's token for one authority (what event metadata must record). */
export const subjectOf = (role: Role, authority = AUTHORITY) => `${role}@${authority}`;

export const eventStore = (t: TestApp) => t.app.get<EventStore>(EVENT_STORE);

export const headPosition = (t: TestApp): Promise<Position | null> => eventStore(t).headPosition();

export async function readTrustStream(t: TestApp, trustId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of eventStore(t).readStream(`trust-${trustId}`)) events.push(event);
  return events;
}

/** The one error shape every failure must have, with the status repeated in the body. */
export function expectErrorShape(res: request.Response): void {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    statusCode: res.status,
    code: expect.any(String),
    message: expect.any(String),
    details: expect.any(Object),
  });
  expect(Object.keys(res.body).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
}

/** A plain trust (no programme), for the tests that only need something to write to. */
export function plainProposal(authority = AUTHORITY, over: Body = {}): Body {
  return {
    occurredAt: '2008-10-01',
    authority,
    name: `${authority} Children's Trust`,
    governanceModel: 'collaborative',
    ageFrom: 0,
    ageTo: 19,
    newAuthority: false,
    twoTierArea: false,
    ...over,
  };
}

/** Cheshire East as proposed in October 2008, with its Day 1 / Year 1 programme from the template. */
export function cheshireEastProposal(over: Body = {}): Body {
  return {
    occurredAt: '2008-10-01',
    authority: AUTHORITY,
    name: "Cheshire East Children's Trust",
    governanceModel: 'collaborative',
    ageFrom: 0,
    ageTo: 19,
    ageExtendedTo: 25,
    parentPartnership: 'Cheshire East Local Strategic Partnership',
    newAuthority: true,
    vestingDay: VESTING_DAY,
    twoTierArea: false,
    districtCouncils: [],
    template: {
      templateId: CHESHIRE_EAST_TEMPLATE,
      anchors: { approval: '2008-10-27', 'vesting-day': VESTING_DAY },
    },
    ...over,
  };
}

export async function proposeTrust(t: TestApp, token: string, body: Body): Promise<string> {
  const res = await http(t).post('/trusts').set(bearer(token)).send(body);
  if (res.status !== 201) throw new Error(`POST /trusts answered ${res.status}: ${res.text}`);
  return res.body.trustId as string;
}

const pm = (path: string, body: Body): Step => ({ path, body, as: 'programme-manager' });

/** The implementation board's core membership (000), appointed when it is convened. */
const CORE_MEMBERS: Array<[id: string, person: string, organisation: string, category: PartnerCategory]> = [
  ['m-dcs', 'Strategic Director People', 'Cheshire East Council', 'local-authority'],
  ['m-lead-member', 'Lead Member for Children', 'Cheshire East Council', 'local-authority'],
  ['m-police-authority', 'Chair of the Police Authority', 'Cheshire Police Authority', 'police-authority'],
  ['m-chief-constable', 'Chief Constable', 'Cheshire Constabulary', 'chief-officer-of-police'],
  ['m-schools-forum', 'Chair of the Schools Forum', 'Cheshire East Schools Forum', 'schools-forum'],
  ['m-dph', 'Director of Public Health', 'Central and Eastern Cheshire PCT', 'public-health'],
  ['m-pct', 'PCT Director of Commissioning', 'Central and Eastern Cheshire PCT', 'primary-care-trust'],
  ['m-bu', 'Trust Development Manager', 'Cheshire East Council', 'local-authority'],
];

/** Every partner category the statutory rules require at the table on inauguration day (a unitary). */
export const REQUIRED_AT_INAUGURATION: PartnerCategory[] = rulesInForce(
  DEFAULT_STATUTORY_RULES,
  INAUGURATION_DAY,
  false,
).map((rule) => rule.category);

const member = (id: string, person: string, organisation: string, category: PartnerCategory, on: string) =>
  pm('/members', {
    occurredAt: on,
    memberId: id,
    person,
    role: 'Member',
    organisation,
    partnerCategory: category,
    deputy: `Deputy for ${person}`,
    minimumAttendance: 4,
  });

/** The rest of the statutory partners, appointed after vesting day (April 2009). */
function remainingStatutoryMembers(on: string): Step[] {
  const seated = new Set(CORE_MEMBERS.map(([, , , category]) => category));
  return REQUIRED_AT_INAUGURATION.filter((category) => !seated.has(category)).map((category) =>
    member(`m-${category}`, `Representative of ${category}`, `Cheshire ${category}`, category, on),
  );
}

const meeting = (meetingId: string, body: string, on: string): Step => ({
  path: '/meetings',
  body: {
    occurredAt: on,
    meetingId,
    body,
    attendees: ['m-dcs', 'm-lead-member', 'm-pct'],
    apologies: ['m-police-authority'],
    quorumMet: true,
  },
  as: 'board-member',
});

/** Agreed in May 2009; the other three are still open in June (000: the review ends in June). */
export const EARLY_AGREED: KeyIssue[] = [
  'membership',
  'governance',
  'strategic-commissioning',
  'integrated-working',
  'objectives-priorities-targets',
];
export const LATE_AGREED: KeyIssue[] = KEY_ISSUES.filter((k) => !EARLY_AGREED.includes(k));

const agree = (keyIssue: KeyIssue, on: string, meetingId: string) =>
  pm(`/key-issues/${keyIssue}/agreement`, {
    occurredAt: on,
    summary: `${keyIssue} agreed`,
    meetingId,
  });

/** From the approval to proceed (October 2008) to the end of May 2009, vested, five key issues agreed. */
export const TO_JUNE_2009: Step[] = [
  pm('/approval', {
    occurredAt: '2008-10-27',
    approvedBy: 'Cheshire East Shadow Authority',
    reference: "Children's Trust - implementation",
  }),
  pm('/facilitator', {
    occurredAt: '2008-11-17',
    person: 'Business Unit Development Manager',
    role: 'Set-up facilitator',
  }),
  pm('/dcs-in-post', { occurredAt: '2008-12-01', person: 'Strategic Director People' }),
  pm('/implementation-board', {
    occurredAt: '2009-01-19',
    boardName: "Children's Trust Implementation Board",
    chair: 'Strategic Director People',
  }),
  ...CORE_MEMBERS.map(([id, person, organisation, category]) =>
    member(id, person, organisation, category, '2009-01-19'),
  ),
  meeting('ib-1', 'implementation-board', '2009-01-19'),
  ...KEY_ISSUES.map((keyIssue, i) =>
    pm(`/key-issues/${keyIssue}/proposal`, {
      occurredAt: `2009-0${2 + (i % 2)}-1${i}`,
      proposal: `Options paper on ${keyIssue}`,
    }),
  ),
  pm('/vesting-day', { occurredAt: VESTING_DAY }),
  ...remainingStatutoryMembers('2009-04-20'),
  meeting('ib-5', 'implementation-board', '2009-05-26'),
  ...EARLY_AGREED.map((k) => agree(k, '2009-05-26', 'ib-5')),
];

export const inauguration = (on: string): Body => ({
  occurredAt: on,
  boardName: "Cheshire East Children's Trust Board",
  chair: 'Lead Member for Children',
});

/** June 2009: the last key issues, the constitution, the business unit; then 1 July 2009. */
export const JUNE_TO_INAUGURATION: Step[] = [
  meeting('ib-6', 'implementation-board', '2009-06-22'),
  ...LATE_AGREED.map((k) => agree(k, '2009-06-22', 'ib-6')),
  pm('/governance-documents', {
    occurredAt: '2009-06-22',
    documentId: 'constitution',
    kind: 'constitution',
    title: "Children's Trust Constitution",
    version: '2009.1',
  }),
  pm('/governance-documents/constitution/signatures', {
    occurredAt: '2009-06-24',
    organisation: 'Cheshire East Council',
    signedBy: 'Strategic Director People',
  }),
  pm('/business-unit', {
    occurredAt: '2009-06-29',
    manager: 'Trust Development Manager',
    fundingSource: 'Council and PCT',
    website: 'https://www.cheshireeast.gov.uk/childrenstrust',
  }),
  pm('/inauguration', inauguration(INAUGURATION_DAY)),
  meeting('ctb-1', 'trust-board', INAUGURATION_DAY),
];

/** Year 1: the Children Plan reviewed and approved in April 2010 (the template's last milestone). */
export const YEAR_1_PLAN: Step[] = [
  pm('/decisions', {
    occurredAt: INAUGURATION_DAY,
    decisionId: 'd-commissioning',
    title: 'Adopt the joint commissioning model',
    tier: 'board',
    leadAgency: 'Central and Eastern Cheshire PCT',
    rationale: 'Key issue agreed by the implementation board',
    meetingId: 'ctb-1',
    effectiveFrom: '2009-09-01',
  }),
  pm('/plans', {
    occurredAt: '2009-11-02',
    planId: PLAN_ID,
    title: 'Cheshire East Children and Young People Plan',
    period: '2010-2013',
  }),
  pm(`/plans/${PLAN_ID}/consultation`, { occurredAt: '2010-01-11', closesOn: '2010-02-28' }),
  pm(`/plans/${PLAN_ID}/lscb-consultation`, { occurredAt: '2010-02-15', response: 'Endorsed' }),
  pm(`/plans/${PLAN_ID}/approval`, { occurredAt: '2010-04-19', approvedBy: "Children's Trust Board" }),
];

export interface WalkResult {
  revision: number;
  /** For each event revision written by the walk, the role whose token sent it. */
  senders: Map<number, Step['as']>;
}

/** Sends each step in order; any answer but 200 fails the walk, naming the step and the answer. */
export async function walk(
  t: TestApp,
  trustId: string,
  steps: Step[],
  tokens: Record<Role, string> = tokensFor(t),
): Promise<WalkResult> {
  const senders = new Map<number, Step['as']>();
  let revision = -1;
  for (const step of steps) {
    const res = await http(t)
      .post(`/trusts/${trustId}${step.path}`)
      .set(bearer(tokens[step.as]))
      .send(step.body);
    if (res.status !== 200) throw new Error(`POST ${step.path} answered ${res.status}: ${res.text}`);
    revision = res.body.revision as number;
    for (let r = revision - res.body.events.length + 1; r <= revision; r += 1) senders.set(r, step.as);
  }
  return { revision, senders };
}

/** GET /trusts/:id as the programme manager. */
export function getTrust(t: TestApp, trustId: string, token: string) {
  return http(t).get(`/trusts/${trustId}`).set(bearer(token));
}

/** Approval, facilitator, DCS and the implementation board convened (January 2009): meetings may be recorded. */
export const TO_SHADOW_BOARD: Step[] = TO_JUNE_2009.slice(0, 4);

/** A trust of `authority` with its implementation board convened, as that authority's programme manager. */
export async function shadowTrust(t: TestApp, authority = AUTHORITY): Promise<string> {
  const tokens = tokensFor(t, authority);
  const trustId = await proposeTrust(t, tokens['programme-manager'], plainProposal(authority));
  await walk(t, trustId, TO_SHADOW_BOARD, tokens);
  return trustId;
}

export const meetingBody = (meetingId: string, occurredAt = '2009-02-02'): Body => ({
  occurredAt,
  meetingId,
  body: 'implementation-board',
  attendees: ['m-dcs'],
  apologies: [],
  quorumMet: true,
});

export const decisionBody = (decisionId: string, occurredAt = '2009-02-02'): Body => ({
  occurredAt,
  decisionId,
  title: `Decision ${decisionId}`,
  tier: 'board',
  leadAgency: 'The Council',
  rationale: 'Agreed by the implementation board',
  effectiveFrom: '2009-03-01',
});
