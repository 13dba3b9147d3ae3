/**
 * A dispatcher killed mid-batch (SIGKILL, a real child process) and started again over the same
 * SQLite files: every due reminder is issued exactly once, none is missed, and every one is
 * delivered at least once (a delivery cut off by the kill is taken over after its timeout).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpPeer, type SmtpPeer } from './support/peers';
import {
  ofType,
  putSettings,
  reminderEvents,
  startReminderApp,
  trustWithMilestone,
  waitUntil,
} from './support/reminder-fixtures';

const TRUSTS = 48;
const DUE_AT = '2009-02-09T08:00:00Z';
/** After the delivery timeout, so the second run takes over deliveries the kill cut off. */
const RESTART_AT = '2009-02-09T08:03:00Z';

function startChild(dataDir: string, smtpPort: number, at: string): ChildProcess & { output: string[] } {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'support', 'reminder-dispatcher-child.ts')],
    {
      env: { ...process.env, DATA_DIR: dataDir, SMTP_PORT: String(smtpPort), AT: at },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (c: Buffer) => child.output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => child.output.push(c.toString()));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('a dispatcher killed mid-batch and restarted', () => {
  let smtp: SmtpPeer;
  let dataDir: string;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    dataDir = mkdtempSync(join(tmpdir(), 'trustworks-reminders-restart-'));
    const setup = await startReminderApp('2009-01-20T12:00:00Z', { DATA_DIR: dataDir });
    for (let i = 0; i < TRUSTS; i += 1) {
      await trustWithMilestone(setup, `restart-${i}`, '2009-02-10');
      await putSettings(setup, `restart-${i}`, {
        contacts: { 'programme-manager': [`pm-${i}@council.example.gov.uk`] },
      });
    }
    await setup.app.close();
  }, 120_000);

  afterAll(async () => {
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('issues every due reminder exactly once and delivers each at least once', async () => {
    // A stuck relay holds the first claims' deliveries, so the kill lands with the batch half done.
    smtp.hold();
    const first = startChild(dataDir, smtp.port, DUE_AT);
    const firstExit = exited(first);
    await waitUntil(
      () => smtp.held() >= 8,
      'the first claims to reach the SMTP server',
      () => `child said:\n${first.output.join('')}`,
    );
    first.kill('SIGKILL');
    expect(await firstExit).toBeNull();
    smtp.release();

    const t = await startReminderApp(DUE_AT, { DATA_DIR: dataDir });
    const afterKill = ofType(await reminderEvents(t), 'ReminderIssued').length;
    await t.app.close();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(TRUSTS);

    const second = startChild(dataDir, smtp.port, RESTART_AT);
    expect(await exited(second)).toBe(0);

    const check = await startReminderApp(RESTART_AT, { DATA_DIR: dataDir });
    const events = await reminderEvents(check);
    await check.app.close();
    const keys = ofType(events, 'ReminderIssued').map((e) => (e.data as { key: string }).key);
    const expected = Array.from(
      { length: TRUSTS },
      (_, i) => `milestone-due:restart-${i}:business-unit:2009-02-10:1`,
    );
    expect(keys.sort()).toEqual(expected.sort());

    const delivered = new Set(
      ofType(events, 'ReminderDelivered').map((e) => (e.data as { key: string }).key),
    );
    expect([...delivered].sort()).toEqual(expected.sort());
    const mailed = new Set(smtp.mails.map((m) => m.headers['x-trustworks-reminder']));
    expect([...mailed].sort()).toEqual(expected.sort());
  }, 120_000);
});
