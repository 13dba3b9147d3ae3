import type { Page } from 'playwright-core';
import { bearer, http } from '../support/api-fixtures';
import {
  SETUP_TIMEOUT,
  screenshot,
  seriousViolations,
  startBrowserApp,
  type BrowserApp,
} from './support/browser-app';

/**
 * An auditor replays Cheshire East. The demo events are recorded "now" but dated 2008-2010, so the
 * historical view is "as we now know it happened by" (basis=occurred).
 */
describe('audit replay, verification and downloads', () => {
  let app: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp();
    await http(app.api)
      .post('/demo-data')
      .set(bearer(app.token('admin', [])))
      .expect(200);
    page = await app.newPage(app.token('auditor', ['cheshire-east']));
    await page.goto('/trust/demo-cheshire-east');
    await page.locator('#replay-form').waitFor();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  });

  it('moves the replay date back to February 2009 and sees the shadow board', async () => {
    expect(await page.locator('#record').count()).toBe(0);
    await page.getByLabel('As we now know it happened by that date').check();
    await page.locator('#replay-date').fill('2009-02-15');
    await page.getByRole('button', { name: 'Show the trust on this date' }).click();
    await page
      .locator('#replay-banner')
      .getByText('as we now know it happened by 15 February 2009')
      .waitFor();
    await expect(page.locator('#trust-phase').textContent()).resolves.toBe('Shadow board');
    await page.locator('#lifecycle-diagram[data-rendered="true"]').waitFor({ timeout: 30_000 });
    expect((await page.locator('#lifecycle-diagram svg g.current').allTextContents()).join(' ')).toMatch(
      /shadow/,
    );
    expect(await page.locator('#gantt .bar-wrapper').count()).toBeGreaterThan(0);
    await screenshot(page, 'trust-replay-2009-02');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('slides the date with the keyboard and goes back to today', async () => {
    await page.locator('#replay-slider').focus();
    await page.keyboard.press('End');
    await expect(page.locator('#replay-slider-value').textContent()).resolves.toMatch(/20\d\d$/);
    await page.getByRole('button', { name: 'Back to today' }).first().click();
    await page.locator('#replay-banner').waitFor({ state: 'detached' });
    await expect(page.locator('#trust-phase').textContent()).resolves.toBe('Operating');
  }, 30_000);

  it('verifies the hash chain, lists changes between two dates and downloads the decision log', async () => {
    await page.getByRole('button', { name: 'Verify history' }).click();
    await page.locator('#verify-result').getByText('History intact').waitFor();
    await page.getByRole('button', { name: 'Show changes' }).click();
    await expect(page.locator('#changes-result caption').textContent()).resolves.toMatch(
      /\d+ changes recorded/,
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Decision log (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('demo-cheshire-east-decisions.csv');
    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Full history (JSON Lines)' }).click(),
    ]);
    expect(jsonl.suggestedFilename()).toBe('demo-cheshire-east-history.jsonl');
    expect(app.problems).toEqual([]);
  }, 30_000);

  it('downloads the milestones calendar and, from the keyboard, shows an address to subscribe to', async () => {
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Milestones calendar (.ics)' }).click(),
    ]);
    expect(ics.suggestedFilename()).toBe('demo-cheshire-east-calendar.ics');
    await page.getByRole('button', { name: 'Subscribe in Outlook' }).focus();
    await page.keyboard.press('Enter');
    const address = page.getByLabel('Calendar address to copy');
    await address.waitFor();
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('calendar-feed-url');
    const url = new URL(await address.inputValue());
    expect(url.pathname).toBe('/trusts/demo-cheshire-east/calendar.ics');
    const feed = await http(app.api).get(`${url.pathname}${url.search}`).expect(200);
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.problems).toEqual([]);
  }, 30_000);
});
