import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { applyHeapGrowth } from './config/heap-growth';

async function main(): Promise<void> {
  const config = loadConfig();
  applyHeapGrowth(config);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const where = config.eventStore.kind === 'sqlite' ? ` (data in ${config.eventStore.dataDir})` : '';
  Logger.log(
    `Trustworks API on http://${config.host}:${config.port} with the ${config.eventStore.kind} store${where}`,
    'Main',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Trustworks failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
