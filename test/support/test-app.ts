import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenVerifier, type Role } from '@trustworks/auth';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataDir: string;
  close(): Promise<void>;
}

/** The real application on a real SQLite file in a fresh folder, ready for supertest. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trustworks-e2e-'));
  // The reminder dispatcher writes its own events as time passes; suites that count events keep it
  // off, and the reminder suites turn it on (or drive it by hand under a virtual clock).
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', REMINDER_DISPATCHER: 'off', ...env });
  const app = await createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed development token for a role and its authorities, as the CLI would print it. */
export function tokenFor(
  t: TestApp,
  role: Role,
  authorities: string[],
  subject = `${role}@${authorities[0] ?? 'all'}`,
): string {
  return t.app.get(TokenVerifier).sign({ subject, name: subject, roles: [role], authorities });
}
