/**
 * A stuck SMTP relay and a failing webhook receiver do not hold up command handling: with the
 * dispatcher running on its own (not driven by hand) and its deliveries stuck, programme managers'
 * commands still succeed; the reminders queue, and are delivered once the relay answers.
 */
import { startSmtpPeer, startWebhookPeer, type SmtpPeer, type WebhookPeer } from '../support/peers';
import {
  WEBHOOK_SECRET,
  http,
  ofType,
  pmToken,
  putSettings,
  reminderEvents,
  startReminderApp,
  trustWithMilestone,
  waitUntil,
  type ClockedApp,
} from '../support/reminder-fixtures';

describe('slow and failing reminder peers', () => {
  let smtp: SmtpPeer;
  let hooks: WebhookPeer;
  let t: ClockedApp;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    hooks = await startWebhookPeer(WEBHOOK_SECRET, Array(50).fill(500));
    smtp.hold();
    t = await startReminderApp('2009-02-09T07:00:00Z', {
      REMINDER_DISPATCHER: 'on',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    for (let i = 0; i < 5; i += 1) {
      await trustWithMilestone(t, `slow-${i}`, '2009-03-31');
      await putSettings(t, `slow-${i}`, {
        contacts: { 'programme-manager': [`pm-${i}@council.example.gov.uk`] },
        webhooks: [hooks.url],
      });
    }
  }, 60_000);
  afterAll(async () => {
    smtp.release();
    await t.close();
    await smtp.close();
    await hooks.close();
  });

  it('keeps answering commands while every delivery is stuck, then delivers when the relay answers', async () => {
    // The 14-day reminders fall due; the running dispatcher wakes on the next projected event.
    t.clock.set(new Date('2009-03-17T08:00:00Z'));
    await putSettings(t, 'slow-0', { sendHour: 8 });
    await waitUntil(() => smtp.held() >= 1, 'a delivery to be stuck at the SMTP relay');

    for (let i = 0; i < 20; i += 1) {
      const res = await http(t)
        .post(`/trusts/slow-${i % 5}/milestones`)
        .set('authorization', `Bearer ${pmToken(t)}`)
        .send({
          milestoneId: `extra-${i}`,
          title: `Extra milestone ${i}`,
          owner: 'Business Unit Manager',
          baselineDue: '2009-09-30',
          dependsOn: [],
          occurredAt: '2009-03-17',
        });
      expect(res.status).toBe(200);
    }
    expect(smtp.held()).toBeGreaterThanOrEqual(1);
    expect(hooks.requests.every((r) => r.status === 500)).toBe(true);

    smtp.release();
    await waitUntil(
      async () => ofType(await reminderEvents(t), 'ReminderDelivered').length >= 5,
      'the five e-mails to be recorded as delivered',
    );
    const events = await reminderEvents(t);
    expect(ofType(events, 'ReminderIssued')).toHaveLength(5);
    expect(ofType(events, 'ReminderDeliveryFailed').length).toBeGreaterThanOrEqual(5);
    expect(smtp.mails).toHaveLength(5);
  }, 60_000);
});
