/**
 * A dispatcher in its own process, for the restart test: the real app on the given data folder,
 * under a virtual clock fixed at AT, runs every due reminder once, prints its report, and exits.
 * The parent kills it with SIGKILL part-way through.
 */
import 'reflect-metadata';
import { ReminderDispatcher } from '@trustworks/reminders';
import { startReminderApp } from './reminder-fixtures';

async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const t = await startReminderApp(env.AT, {
    DATA_DIR: env.DATA_DIR,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: env.SMTP_PORT,
    SMTP_TIMEOUT_MS: '60000',
  });
  process.stdout.write('ready\n');
  const report = await t.app.get(ReminderDispatcher).runDue();
  process.stdout.write(`${JSON.stringify({ issued: report.issued.length, taken: report.taken })}\n`);
  await t.app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
