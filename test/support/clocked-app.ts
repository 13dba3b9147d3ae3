import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CLOCK, ManualClock, validationPipe } from '@trustworks/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig } from '../../apps/api/src/config/app-config';
import type { TestApp } from './test-app';

/**
 * The real application module on a real SQLite file, with the clock replaced by a ManualClock, so
 * a walk can be recorded on the dates the council papers give (metadata.recordedAt = that day).
 */
export async function startClockedApp(
  clock: ManualClock,
  env: Record<string, string> = {},
): Promise<TestApp & { clock: ManualClock }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trustworks-clocked-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    REMINDER_DISPATCHER: 'off',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: ['error'],
  });
  app.useGlobalPipes(validationPipe());
  await app.init();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    dataDir,
    clock,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
