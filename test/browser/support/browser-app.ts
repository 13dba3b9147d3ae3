import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '@trustworks/auth';
import { startApiApp } from '../../support/api-fixtures';
import { tokenFor, type TestApp } from '../../support/test-app';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { ensureWebBuild } from './web-build';

export const ARTIFACTS = resolve(__dirname, '../../artifacts');
/** Chromium install (first run on a fresh machine) and the Vite build both happen in beforeAll. */
export const SETUP_TIMEOUT = 20 * 60_000;

export interface BrowserApp {
  api: TestApp;
  base: string;
  browser: Browser;
  /** Browser console errors and failed requests seen so far (CSP refusals show up here). */
  problems: string[];
  newPage(token?: string): Promise<Page>;
  token(role: Role, authorities: string[]): string;
  close(): Promise<void>;
}

/** The real app on a real SQLite file, listening on 127.0.0.1, serving a fresh build, and Chromium. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  const executablePath = chromiumPath();
  await ensureWebBuild();
  const api = await startApiApp(env);
  const port = (api.app.getHttpServer().address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  // Each launch gets a fresh user-data-dir of its own (Playwright makes and removes a temporary one).
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    api,
    base,
    browser,
    problems,
    token: (role, authorities) => tokenFor(api, role, authorities),
    async newPage(token?: string) {
      const context = await browser.newContext({
        baseURL: base,
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
      });
      contexts.push(context);
      if (token)
        await context.addInitScript({
          content: `sessionStorage.setItem('trustworks.token', ${JSON.stringify(token)});`,
        });
      const page = await context.newPage();
      // 404s from reads a newer service may not offer yet are expected; server errors are not.
      page.on(
        'console',
        (m) =>
          m.type() === 'error' &&
          !m.text().startsWith('Failed to load resource') &&
          problems.push(`console: ${m.text()}`),
      );
      page.on('response', (r) => r.status() >= 500 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on(
        'requestfailed',
        (r) =>
          !r.url().includes('/live') && problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
      );
      return page;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      await api.close();
    },
  };
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core (WCAG 2.0-2.2 A and AA rules) on the page as it stands; only serious and critical count. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE};0`);
  // A string, not a function: this file is type-checked without the DOM library.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
