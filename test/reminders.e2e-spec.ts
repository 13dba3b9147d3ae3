/**
 * Reminders end to end: the real app on a real SQLite file under a virtual clock, a real SMTP
 * server and a real webhook receiver on 127.0.0.1. The dispatcher is driven by hand (`runDue`)
 * so the clock, not the test's own timing, decides what falls due.
 */
import { tokenFor } from './support/test-app';
import { startSmtpPeer, startWebhookPeer, type SmtpPeer, type WebhookPeer } from './support/peers';
import {
  AUTHORITY,
  PUBLIC_BASE_URL,
  WEBHOOK_SECRET,
  dispatcher,
  http,
  ofType,
  pmToken,
  putSettings,
  reminderEvents,
  startReminderApp,
  trustWithMilestone,
  type ClockedApp,
} from './support/reminder-fixtures';

const CONTACTS = {
  'Business Unit Manager': ['bu.manager@council.example.gov.uk'],
  'programme-manager': ['programme.office@council.example.gov.uk'],
  dcs: ['dcs@council.example.gov.uk'],
};

describe('reminders delivered to real peers', () => {
  let smtp: SmtpPeer;
  let hooks: WebhookPeer;
  let t: ClockedApp;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    hooks = await startWebhookPeer(WEBHOOK_SECRET);
    t = await startReminderApp('2009-01-20T12:00:00Z', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    await trustWithMilestone(t, 'mail-trust', '2009-02-10');
    await putSettings(t, 'mail-trust', { contacts: CONTACTS, webhooks: [hooks.url] });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await hooks.close();
  });

  it('issues nothing before the first reminder falls due', async () => {
    t.clock.set(new Date('2009-01-27T07:59:00Z'));
    expect((await dispatcher(t).runDue()).issued).toEqual([]);
  });

  it('e-mails the owner and the programme manager 14 days before, with the trust link', async () => {
    t.clock.set(new Date('2009-01-27T08:00:00Z'));
    const report = await dispatcher(t).runDue();
    expect(report.issued).toEqual(['milestone-due:mail-trust:business-unit:2009-02-10:14']);
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([
      ['bu.manager@council.example.gov.uk'],
      ['programme.office@council.example.gov.uk'],
    ]);
    const mail = smtp.mails[0];
    expect(mail.subject).toBe(
      "[mail-trust Children's Trust] Due in 14 days: Business unit set up and staffed",
    );
    expect(mail.text).toContain(`Open the trust: ${PUBLIC_BASE_URL}/trust/mail-trust`);
    expect(mail.text).toContain('Date: Tuesday, 10 February 2009');
    expect(mail.headers['x-trustworks-reminder']).toBe(report.issued[0]);
  });

  it('posts a signed webhook whose idempotency key is the reminder key', () => {
    expect(hooks.requests).toHaveLength(1);
    const [req] = hooks.requests;
    expect(req.signatureValid).toBe(true);
    expect(req.idempotencyKey).toBe('milestone-due:mail-trust:business-unit:2009-02-10:14');
    expect(req.body).toMatchObject({
      rule: 'milestone-due',
      trustId: 'mail-trust',
      subjectDate: '2009-02-10',
    });
  });

  it('records the issue and each delivery as events in the reminder stream', async () => {
    const events = await reminderEvents(t);
    expect(ofType(events, 'ReminderIssued')).toHaveLength(1);
    expect(
      ofType(events, 'ReminderDelivered')
        .map((e) => (e.data as { target: string }).target)
        .sort(),
    ).toEqual(['bu.manager@council.example.gov.uk', hooks.url, 'programme.office@council.example.gov.uk']);
    expect(
      events.every((e) => e.metadata.actor === 'system:reminders' && e.metadata.authority === AUTHORITY),
    ).toBe(true);
  });

  it('does not issue the same reminder twice when run again', async () => {
    expect((await dispatcher(t).runDue()).issued).toEqual([]);
    expect(smtp.mails).toHaveLength(2);
  });

  it('copies in the DCS once two earlier reminders about the same milestone went unanswered', async () => {
    t.clock.set(new Date('2009-02-03T08:00:00Z'));
    await dispatcher(t).runDue();
    t.clock.set(new Date('2009-02-09T08:00:00Z'));
    const report = await dispatcher(t).runDue();
    expect(report.issued).toEqual(['milestone-due:mail-trust:business-unit:2009-02-10:1']);
    const last = smtp.mails.slice(-3).map((m) => m.to[0]);
    expect(last).toContain('dcs@council.example.gov.uk');
    const issued = ofType(await reminderEvents(t), 'ReminderIssued').map(
      (e) => e.data as { escalated: boolean },
    );
    expect(issued.map((d) => d.escalated)).toEqual([false, false, true]);
  });

  it('lists the trust reminders over HTTP, issued and upcoming, with delivery outcomes', async () => {
    const res = await http(t)
      .get('/trusts/mail-trust/reminders')
      .set('authorization', `Bearer ${pmToken(t)}`);
    expect(res.status).toBe(200);
    expect(res.body.issued).toHaveLength(3);
    expect(res.body.channels).toEqual(['email', 'webhook']);
    expect(res.body.issued[0].deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(
      true,
    );
    expect(res.body.upcoming[0]).toMatchObject({
      rule: 'milestone-overdue',
      nextOn: '2009-02-11',
      everyDays: 7,
    });
  });

  it('sends the overdue reminder weekly, and stops once the milestone is completed', async () => {
    t.clock.set(new Date('2009-02-11T08:00:00Z'));
    expect((await dispatcher(t).runDue()).issued).toEqual([
      'milestone-overdue:mail-trust:business-unit:2009-02-10:-1@2009-02-11',
    ]);
    t.clock.set(new Date('2009-02-18T09:00:00Z'));
    expect((await dispatcher(t).runDue()).issued).toEqual([
      'milestone-overdue:mail-trust:business-unit:2009-02-10:-1@2009-02-18',
    ]);
    const res = await http(t)
      .post('/trusts/mail-trust/milestones/business-unit/completion')
      .set('authorization', `Bearer ${pmToken(t)}`)
      .send({ occurredAt: '2009-02-18', note: 'Staffed' });
    expect(res.status).toBe(200);
    t.clock.set(new Date('2009-02-25T09:00:00Z'));
    expect((await dispatcher(t).runDue()).issued).toEqual([]);
  });
});

describe('a webhook receiver that fails twice, then succeeds', () => {
  let hooks: WebhookPeer;
  let t: ClockedApp;

  beforeAll(async () => {
    hooks = await startWebhookPeer(WEBHOOK_SECRET, [500, 503]);
    t = await startReminderApp('2009-01-20T12:00:00Z');
    await trustWithMilestone(t, 'hook-trust', '2009-02-10');
    await putSettings(t, 'hook-trust', { webhooks: [hooks.url] });
  });
  afterAll(async () => {
    await t.close();
    await hooks.close();
  });

  it('is retried with backoff and gets exactly one delivered event', async () => {
    t.clock.set(new Date('2009-01-27T08:00:00Z'));
    await dispatcher(t).runDue();
    t.clock.set(new Date('2009-01-27T08:00:30Z'));
    await dispatcher(t).runDue(); // the first retry is not due for a minute
    expect(hooks.requests).toHaveLength(1);
    t.clock.set(new Date('2009-01-27T08:01:00Z'));
    await dispatcher(t).runDue();
    t.clock.set(new Date('2009-01-27T08:06:00Z'));
    await dispatcher(t).runDue();
    t.clock.set(new Date('2009-01-27T09:00:00Z'));
    await dispatcher(t).runDue();

    expect(hooks.requests.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(new Set(hooks.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    const events = await reminderEvents(t);
    expect(events.map((e) => e.type)).toEqual([
      'ReminderIssued',
      'ReminderDeliveryFailed',
      'ReminderDeliveryAttempted',
      'ReminderDeliveryFailed',
      'ReminderDeliveryAttempted',
      'ReminderDelivered',
    ]);
    expect(
      ofType(events, 'ReminderDeliveryFailed').map(
        (e) => (e.data as { nextAttemptAt: string }).nextAttemptAt,
      ),
    ).toEqual(['2009-01-27T08:01:00.000Z', '2009-01-27T08:06:00.000Z']);
  });
});

describe('answering reminders over the API', () => {
  let t: ClockedApp;
  let key: string;

  beforeAll(async () => {
    t = await startReminderApp('2009-01-20T12:00:00Z');
    await trustWithMilestone(t, 'answer-trust', '2009-02-10');
    t.clock.set(new Date('2009-01-27T08:00:00Z'));
    [key] = (await dispatcher(t).runDue()).issued;
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body: object) =>
    http(t).post(path).set('authorization', `Bearer ${token}`).send(body);
  const keyPath = (k: string) => `/reminders/${encodeURIComponent(k)}`;

  it('refuses to snooze into the past with a 422 that says why, and writes nothing', async () => {
    const before = (await reminderEvents(t)).length;
    const res = await post(`${keyPath(key)}/snooze`, pmToken(t), { until: '2009-01-01T09:00:00Z' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'REMINDER.SNOOZE_OUT_OF_RANGE' });
    expect((await reminderEvents(t)).length).toBe(before);
  });

  it('answers 400 for a malformed body, 404 for an unknown reminder or another authority, 403 for an auditor', async () => {
    expect((await post(`${keyPath(key)}/snooze`, pmToken(t), { until: 'next tuesday' })).status).toBe(400);
    expect((await post(`${keyPath(key)}/acknowledge`, pmToken(t), { colour: 'red' })).status).toBe(400);
    expect((await post(`${keyPath('no-such-reminder')}/acknowledge`, pmToken(t), {})).status).toBe(404);
    const stranger = tokenFor(t, 'programme-manager', ['Another Council']);
    expect((await post(`${keyPath(key)}/acknowledge`, stranger, {})).status).toBe(404);
    const auditor = tokenFor(t, 'auditor', [AUTHORITY]);
    expect((await post(`${keyPath(key)}/acknowledge`, auditor, {})).status).toBe(403);
  });

  it('snoozes a reminder, which comes back at the chosen time under its own key', async () => {
    const res = await post(`${keyPath(key)}/snooze`, pmToken(t), { until: '2009-01-29T10:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.snoozedUntil).toBe('2009-01-29T10:00:00.000Z');
    t.clock.set(new Date('2009-01-29T09:59:00Z'));
    expect((await dispatcher(t).runDue()).issued).toEqual([]);
    t.clock.set(new Date('2009-01-29T10:00:00Z'));
    expect((await dispatcher(t).runDue()).issued).toEqual([`${key}~snoozed-2009-01-29T10:00:00.000Z`]);
  });

  it('acknowledges a reminder once, recording who; a second acknowledgement is a 409', async () => {
    const first = await post(`${keyPath(key)}/acknowledge`, pmToken(t), { note: 'Chased' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      acknowledgedBy: `programme-manager@${AUTHORITY}`,
      acknowledgedByName: `programme-manager@${AUTHORITY}`,
      acknowledgedNote: 'Chased',
    });
    const again = await post(`${keyPath(key)}/acknowledge`, pmToken(t), {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REMINDER.ALREADY_ACKNOWLEDGED');
  });

  it('lists open reminders for the authorities the caller may see', async () => {
    const mine = await http(t)
      .get('/reminders?open=true')
      .set('authorization', `Bearer ${pmToken(t)}`);
    expect(mine.status).toBe(200);
    expect(mine.body.reminders.map((r: { key: string }) => r.key)).not.toContain(key);
    expect(mine.body.reminders.length).toBeGreaterThan(0);
    const stranger = tokenFor(t, 'auditor', ['Another Council']);
    const theirs = await http(t).get('/reminders').set('authorization', `Bearer ${stranger}`);
    expect(theirs.body.reminders).toEqual([]);
  });

  it('validates settings: a bad address or lead time is a 400 and changes nothing', async () => {
    const bad = await http(t)
      .put('/trusts/answer-trust/reminder-settings')
      .set('authorization', `Bearer ${pmToken(t)}`)
      .send({ contacts: { dcs: ['not an address'] }, milestoneLeadDays: [-3] });
    expect(bad.status).toBe(400);
    const now = await http(t)
      .get('/trusts/answer-trust/reminder-settings')
      .set('authorization', `Bearer ${pmToken(t)}`);
    expect(now.body).toMatchObject({ contacts: {}, milestoneLeadDays: [14, 7, 1] });
  });
});

describe('two dispatchers over the same store at once', () => {
  let a: ClockedApp;
  let b: ClockedApp;

  beforeAll(async () => {
    a = await startReminderApp('2009-01-20T12:00:00Z');
    for (let i = 0; i < 40; i += 1) await trustWithMilestone(a, `race-${i}`, '2009-02-10');
    b = await startReminderApp('2009-01-20T12:00:00Z', { DATA_DIR: a.dataDir });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('never issues a reminder twice', async () => {
    a.clock.set(new Date('2009-02-09T08:00:00Z'));
    b.clock.set(new Date('2009-02-09T08:00:00Z'));
    const [ra, rb] = await Promise.all([dispatcher(a).runDue(), dispatcher(b).runDue()]);
    const keys = ofType(await reminderEvents(a), 'ReminderIssued').map(
      (e) => (e.data as { key: string }).key,
    );
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    expect(ra.issued.length + rb.issued.length).toBe(40);
    expect(new Set([...ra.issued, ...rb.issued]).size).toBe(40);
  });
});
