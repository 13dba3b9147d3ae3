import type { Page } from 'playwright-core';
import { bearer, decisionBody, http, meetingBody, shadowTrust } from '../support/api-fixtures';
import { addDays } from '@trustworks/trust-domain';
import { SETUP_TIMEOUT, seriousViolations, startBrowserApp, type BrowserApp } from './support/browser-app';

const AUTHORITY = 'haringey';

/** A programme manager records through the forms; a second window on the portfolio follows live. */
describe('the trust page forms and live updates', () => {
  let app: BrowserApp;
  let trustId: string;
  let trustPage: Page;
  let dashboard: Page;

  beforeAll(async () => {
    app = await startBrowserApp();
    trustId = await shadowTrust(app.api, AUTHORITY);
    const token = app.token('programme-manager', [AUTHORITY]);
    await http(app.api)
      .post(`/trusts/${trustId}/members`)
      .set(bearer(token))
      .send({
        occurredAt: '2009-01-19',
        memberId: 'm-dcs',
        person: 'Director of Children’s Services',
        role: 'Chair',
        organisation: 'Haringey Council',
        partnerCategory: 'local-authority',
        deputy: 'Deputy Director',
        minimumAttendance: 4,
      })
      .expect(200);
    dashboard = await app.newPage(token);
    trustPage = await app.newPage(token);
    await dashboard.goto('/');
    await dashboard.locator(`tr[data-trust="${trustId}"]`).waitFor();
    await dashboard.getByText('Live: changes appear here').waitFor();
    await trustPage.goto(`/trust/${trustId}`);
    await trustPage.locator('#key-issues-board').waitFor();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  });

  const openForm = async (id: string) => {
    await trustPage.locator(`details[data-form="${id}"] > summary`).click();
    return trustPage.locator(`#${id}`);
  };

  it('shows the API’s field errors next to the fields, then records a meeting', async () => {
    const form = await openForm('record-meeting');
    await form.getByLabel('Date of the meeting').fill('2009-02-02');
    await form.getByRole('button', { name: 'Record meeting' }).click();
    await expect(form.locator('#record-meeting-meetingId-error').textContent()).resolves.toMatch(
      /meetingId must be/,
    );
    await expect(form.locator('.error-summary').isVisible()).resolves.toBe(true);
    await form.getByLabel('Meeting reference').fill('ib-2009-02-02');
    await form
      .locator('fieldset[data-field="attendees"]')
      .getByLabel(/Director of Children/)
      .check();
    await form.getByLabel('The meeting was quorate').check();
    await form.getByRole('button', { name: 'Record meeting' }).click();
    await trustPage
      .locator('#page-notice')
      .getByText('Record a meeting and its attendance: recorded')
      .waitFor();
    await expect(trustPage.locator('#meetings').textContent()).resolves.toMatch(/2 February 2009/);
  }, 60_000);

  it('proposes and agrees a key issue, and the open dashboard follows without a reload', async () => {
    let form = await openForm('propose-key-issue');
    await form.getByLabel('Date it happened').fill('2009-02-16');
    await form.getByLabel('Key issue').selectOption('membership');
    await form.getByLabel('What the board is asked to agree').fill('Core membership as in the options paper');
    await form.getByRole('button', { name: 'Record proposal' }).click();
    await trustPage.locator('#page-notice').getByText('Put a key issue to the board: recorded').waitFor();
    form = await openForm('agree-key-issue');
    await form.getByLabel('Date agreed').fill('2009-03-02');
    await form.getByLabel('Key issue').selectOption('membership');
    await form.getByLabel('Meeting (optional)').selectOption('ib-2009-02-02');
    await form.getByRole('button', { name: 'Record agreement' }).click();
    await trustPage.locator('#page-notice').getByText('Agree a key issue: recorded').waitFor();
    await expect(
      trustPage.locator('.board__column--agreed [data-key-issue="membership"]').count(),
    ).resolves.toBe(1);
    const openIssues = `document.querySelectorAll('tr[data-trust="${trustId}"] td:nth-child(6) li').length`;
    await dashboard.waitForFunction(`${openIssues} === 7`, undefined, { timeout: 20_000 });
    await expect(dashboard.locator('.live-status').textContent()).resolves.toMatch(/updated at/);
  }, 60_000);

  it('shows the rule’s message when the inauguration is refused', async () => {
    const form = await openForm('inaugurate-board');
    await form.getByLabel('Date of inauguration').fill('2009-03-03');
    await form.getByLabel('Chair').fill('Lead Member for Children');
    await form.getByRole('button', { name: 'Record inauguration' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toMatch(/rules refused this.*governance/is);
    expect(await seriousViolations(trustPage)).toEqual([]);
    expect(app.problems).toEqual([]);
  }, 60_000);

  it('lists a long record’s most recent meetings and its whole decision log, read apart from the trust', async () => {
    const token = app.token('programme-manager', [AUTHORITY]);
    const longId = await shadowTrust(app.api, AUTHORITY);
    const held = 105; // more than the page lists (100)
    for (let i = 0; i < held; i += 1) {
      await http(app.api)
        .post(`/trusts/${longId}/meetings`)
        .set(bearer(token))
        .send(meetingBody(`long-${i}`, addDays('2009-02-01', i)))
        .expect(200);
    }
    await http(app.api)
      .post(`/trusts/${longId}/decisions`)
      .set(bearer(token))
      .send({ ...decisionBody('long-decision', '2009-05-01'), meetingId: 'long-89' })
      .expect(200);
    const page = await app.newPage(token);
    await page.goto(`/trust/${longId}`);
    await page.locator('#meetings-shown').waitFor();
    await expect(page.locator('#meetings-shown').textContent()).resolves.toBe(
      'The 100 most recently recorded of 105 meetings.',
    );
    // Newest first: the last one held heads the table; the five recorded first are not listed.
    const firstHeld = page.locator('#meetings table tbody tr').first();
    await expect(firstHeld.textContent()).resolves.toMatch(/16 May 2009/);
    await expect(page.locator('#meetings table').first().locator('tbody tr').count()).resolves.toBe(100);
    await expect(page.locator('#decisions').textContent()).resolves.toMatch(/Decision long-decision/);
    // The decision form offers the meetings it lists.
    await page.locator('details[data-form="record-decision"] > summary').click();
    const options = await page.locator('#record-decision select[name="meetingId"] option').count();
    expect(options).toBe(101);
    // A meeting older than the list is cited by its reference.
    const form = page.locator('#record-decision');
    await expect(form.getByLabel('Or an earlier meeting’s reference').isVisible()).resolves.toBe(true);
    await form.getByLabel('Date decided').fill('2009-06-01');
    await form.getByLabel('Decision reference').fill('cites-an-early-meeting');
    await form.getByLabel('Decision', { exact: true }).fill('Adopt the terms of reference');
    await form.getByLabel('Lead agency').fill('The Council');
    await form.getByLabel('Rationale').fill('Agreed at the first board');
    await form.getByLabel('Or an earlier meeting’s reference').fill('long-0');
    await form.getByLabel('Takes effect from').fill('2009-07-01');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await page.locator('#page-notice').waitFor();
    const log = await http(app.api).get(`/trusts/${longId}/decisions`).set(bearer(token)).expect(200);
    expect(
      (log.body.decisions as Array<{ decisionId: string; meetingId: string | null }>).find(
        (d) => d.decisionId === 'cites-an-early-meeting',
      )?.meetingId,
    ).toBe('long-0');
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
