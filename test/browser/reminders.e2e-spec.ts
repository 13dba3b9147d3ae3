import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ReminderDispatcher } from '@trustworks/reminders';
import { freePort } from '../../bench/support/api-process';
import { bearer, http, plainProposal, proposeTrust } from '../support/api-fixtures';
import { startSmtpPeer, type SmtpPeer } from '../support/peers';
import {
  ARTIFACTS,
  SETUP_TIMEOUT,
  seriousViolations,
  startBrowserApp,
  type BrowserApp,
} from './support/browser-app';

const AUTHORITY = 'dudley';
const PM_ADDRESS = 'programme.office@dudley.example.gov.uk';

/** A calendar day in England, `days` from today (the app runs on the real clock here). */
function londonDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const longDay = (day: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));

/**
 * The reminders panel: a milestone due tomorrow has its "1 day" reminder issued (the dispatcher is
 * run by hand, with the send hour at midnight so it is due whatever the time of day), and a later
 * milestone's reminders are still to come. A programme manager answers them through the page.
 */
describe('the reminders panel on the trust page', () => {
  let app: BrowserApp;
  let trustId: string;
  let pm: string;
  let page: Page;
  let smtp: SmtpPeer;
  let hook: string;
  const card = () => page.locator('#reminders-issued li.reminder').first();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    smtp = await startSmtpPeer();
    // A port nothing listens on: a webhook sent there fails at once and waits for its retry.
    hook = `http://127.0.0.1:${await freePort()}/trustworks`;
    app = await startBrowserApp({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'Trustworks <reminders@example.gov.uk>',
      REMINDER_WEBHOOK_SECRET: 'reminder-webhook-secret-for-browser-tests-0123',
    });
    pm = app.token('programme-manager', [AUTHORITY]);
    trustId = await proposeTrust(app.api, pm, plainProposal(AUTHORITY));
    const write = (path: string, body: object) =>
      http(app.api).post(`/trusts/${trustId}${path}`).set(bearer(pm)).send(body).expect(200);
    await write('/approval', { occurredAt: '2008-10-27', approvedBy: 'Cabinet', reference: null });
    const milestone = (milestoneId: string, title: string, owner: string, due: string) =>
      write('/milestones', {
        occurredAt: '2008-10-27',
        milestoneId,
        title,
        owner,
        baselineDue: due,
        dependsOn: [],
      });
    await milestone(
      'business-unit',
      'Business unit set up and staffed',
      'Business Unit Manager',
      londonDay(1),
    );
    await milestone('governance', 'Governance documents signed', 'Head of Governance', londonDay(20));
    await milestone('plan-consulted', 'Plan consultation closed', 'Head of Strategy', londonDay(30));
    await http(app.api)
      .put(`/trusts/${trustId}/reminder-settings`)
      .set(bearer(pm))
      .send({ sendHour: 0, contacts: { 'programme-manager': [PM_ADDRESS] }, webhooks: [hook] })
      .expect(200);
    const report = await app.api.app.get(ReminderDispatcher).runDue();
    expect(report.issued).toEqual([`milestone-due:${trustId}:business-unit:${londonDay(1)}:1`]);
    page = await app.newPage(pm);
    await page.goto(`/trust/${trustId}`);
    await page.locator('#reminders-issued').waitFor();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('shows what goes out next, about what, when (UK time) and to whom', async () => {
    const upcoming = page.locator('#reminders-upcoming table');
    await expect(upcoming.locator('caption').textContent()).resolves.toBe(
      'The next 5 of 9 scheduled reminders',
    );
    const first = upcoming.locator('tbody tr').first();
    await expect(first.textContent()).resolves.toContain('Milestone overdue');
    await expect(first.textContent()).resolves.toContain(`due ${longDay(londonDay(1))}`);
    await expect(first.textContent()).resolves.toContain(`${longDay(londonDay(2))} at 00:00`);
    await expect(first.textContent()).resolves.toContain(`Programme manager${PM_ADDRESS}`);
    await expect(first.textContent()).resolves.toContain('Business Unit ManagerNo address set');
    await expect(upcoming.textContent()).resolves.toContain('Milestone due in 14 days');
    await page.getByRole('button', { name: 'Show 4 more upcoming reminders (4 not shown)' }).click();
    await expect(page.locator('#reminders-upcoming tbody tr').count()).resolves.toBe(9);
    await expect(page.locator('#reminders-upcoming button').count()).resolves.toBe(0);
    await expect(page.evaluate('document.activeElement.dataset.upcomingIndex')).resolves.toBe('5');
  });

  it('shows each sent reminder: who was told, who had no address, the DCS, and delivery as text', async () => {
    const text = await card().textContent();
    expect(text).toContain('Milestone due in 1 day: Business unit set up and staffed');
    expect(text).toContain('Not acknowledged');
    expect(text).toContain(`Programme manager: ${PM_ADDRESS}`);
    expect(text).toContain('No address forBusiness Unit Manager (shown here only)');
    expect(text).toContain('Copied to the DCSNo');
    expect(text).toContain(`E-mail to ${PM_ADDRESS}: delivered`);
    expect(text).toMatch(
      new RegExp(
        `Webhook to ${hook}: failed \\(fetch failed: .*ECONNREFUSED.*\\), retrying at \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d`,
      ),
    );
    expect(smtp.mails.map((m) => m.to)).toEqual([[PM_ADDRESS]]);
  });

  it('shows a colleague’s snooze as it happens, with their note, without a reload', async () => {
    const [key] = (await http(app.api).get(`/trusts/${trustId}/reminders`).set(bearer(pm))).body.issued.map(
      (r: { key: string }) => r.key,
    );
    await http(app.api)
      .post(`/reminders/${encodeURIComponent(key)}/snooze`)
      .set(bearer(app.token('admin', [AUTHORITY])))
      .send({ until: `${londonDay(1)}T09:00:00Z`, note: 'Back after the staffing panel' })
      .expect(200);
    await card().getByText('Back after the staffing panel').waitFor({ timeout: 20_000 });
    expect(await card().textContent()).toContain('Snoozed until');
  }, 60_000);

  it('shows the rule’s message beside the field when the snooze time is in the past', async () => {
    await card().locator('details[data-form="snooze-0"] > summary').click();
    const until = card().getByLabel('Remind again at');
    await expect(until.inputValue()).resolves.toBe(`${londonDay(1)}T08:00`);
    await until.fill('2009-01-28T08:00');
    await card().getByRole('button', { name: 'Snooze reminder' }).click();
    const error = page.locator('#snooze-0-until-error');
    await error.getByText('not to the past').waitFor();
    await expect(error.textContent()).resolves.toBe(
      'Error: A reminder can be snoozed to a time in the next year, not to the past.',
    );
    await expect(until.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(until.getAttribute('aria-describedby')).resolves.toContain('snooze-0-until-error');
    await card().screenshot({ path: join(ARTIFACTS, 'trust-reminders-snooze-refused.png') });
  });

  it('acknowledges a reminder and shows who acknowledged it and when', async () => {
    await card().locator('details[data-form="acknowledge-0"] > summary').click();
    await card()
      .locator('#acknowledge-0')
      .getByLabel('Note (optional)')
      .fill('Chased the business unit; staffing agreed.');
    await card().getByRole('button', { name: 'Acknowledge reminder' }).click();
    await page.locator('#reminders-done').getByText('Reminder acknowledged').waitFor();
    const text = await card().textContent();
    expect(text).toContain(`Acknowledged by programme-manager@${AUTHORITY} on ${longDay(londonDay(0))} at`);
    expect(text).toContain('“Chased the business unit; staffing agreed.”');
    await expect(card().locator('details.reminder-action').count()).resolves.toBe(0);
    await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe(
      'reminders-done',
    );
  });

  it('follows a change made elsewhere while another form on the page is open', async () => {
    await page.locator('#record details.form-panel > summary').first().click();
    await http(app.api)
      .post(`/trusts/${trustId}/milestones/governance/rebaseline`)
      .set(bearer(app.token('admin', [AUTHORITY])))
      .send({ occurredAt: londonDay(0), newDue: londonDay(40), reason: 'Legal review', approvedBy: 'Board' })
      .expect(200);
    await page.locator('#live-notice').getByText('Someone else has changed this trust').waitFor();
    await page
      .locator('#reminders-upcoming')
      .getByText(`due ${longDay(londonDay(40))}`)
      .first()
      .waitFor({ timeout: 20_000 });
  }, 60_000);

  it('changes the contacts, showing the API’s message beside the field first', async () => {
    await page.locator('details[data-form="reminder-settings-form"] > summary').click();
    const form = page.locator('#reminder-settings-form');
    const contacts = form.getByLabel('Contacts');
    await contacts.fill(`programme-manager: ${PM_ADDRESS}\nBusiness Unit Manager: not-an-address`);
    await form.getByRole('button', { name: 'Save reminder settings' }).click();
    await page.locator('#reminder-settings-form-contacts-error').getByText('e-mail addresses').waitFor();
    await expect(contacts.getAttribute('aria-invalid')).resolves.toBe('true');
    await contacts.fill(`programme-manager: ${PM_ADDRESS}\nBusiness Unit Manager: bu@dudley.example.gov.uk`);
    await form.getByRole('button', { name: 'Save reminder settings' }).click();
    await page.locator('#reminders-done').getByText('Reminder settings saved.').waitFor();
    await expect(page.locator('#reminders-upcoming tbody tr').first().textContent()).resolves.toContain(
      'Business Unit Managerbu@dudley.example.gov.uk',
    );
  }, 60_000);

  it('passes axe with the reminders shown, and reads well', async () => {
    await page.locator('#reminders').scrollIntoViewIfNeeded();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#reminders').screenshot({ path: join(ARTIFACTS, 'trust-reminders.png') });
    expect(app.problems).toEqual([]);
  }, 60_000);

  it('shows a board member the reminders without the actions', async () => {
    const board = await app.newPage(app.token('board-member', [AUTHORITY]));
    await board.goto(`/trust/${trustId}`);
    await board.locator('#reminders-issued li.reminder').first().waitFor();
    await expect(board.locator('#reminders details.form-panel').count()).resolves.toBe(0);
    await expect(board.locator('#reminders-issued').textContent()).resolves.toContain('Acknowledged by');
  }, 60_000);
});
