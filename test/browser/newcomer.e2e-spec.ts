import type { Page } from 'playwright-core';
import {
  SETUP_TIMEOUT,
  screenshot,
  seriousViolations,
  startBrowserApp,
  type BrowserApp,
} from './support/browser-app';

/** A newcomer signs in, loads the demo councils and opens Cheshire East. */
describe('the web UI for a newcomer', () => {
  let app: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp();
    page = await app.newPage();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  });

  it('signs in with a token and is offered the demo councils on an empty store', async () => {
    await page.goto('/');
    await page
      .getByLabel('Access token')
      .fill(app.token('programme-manager', ['cheshire-east', 'haringey', 'dudley']));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Load the demo councils' }).click();
    const rows = page.locator('#portfolio-list tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const cheshire = page.locator('tr[data-trust="demo-cheshire-east"]');
    await expect(cheshire.textContent()).resolves.toMatch(/Operating.*(Red|Amber|Green)/s);
    await screenshot(page, 'dashboard');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('opens Cheshire East: the Gantt shows its milestones and the diagram highlights the current phase', async () => {
    await page.getByRole('link', { name: "Cheshire East Children's Trust" }).click();
    await page.getByRole('heading', { level: 1, name: "Cheshire East Children's Trust" }).waitFor();
    await page.locator('#gantt .bar-wrapper').first().waitFor();
    expect(await page.locator('#gantt .bar-wrapper').count()).toBe(18);
    expect(await page.locator('#gantt .bar-label').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/vesting day/i)]),
    );
    await page.locator('#lifecycle-diagram[data-rendered="true"]').waitFor({ timeout: 30_000 });
    const current = page.locator('#lifecycle-diagram svg g.current');
    expect(await current.count()).toBeGreaterThan(0);
    expect((await current.allTextContents()).join(' ')).toMatch(/reviewed/);
    await expect(page.locator('#trust-phase').textContent()).resolves.toBe('Operating');
    await screenshot(page, 'trust-page');
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.problems).toEqual([]);
  }, 90_000);
});
