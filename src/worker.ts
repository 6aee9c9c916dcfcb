// The outbox worker as its own process (`npm run worker`), for running the web
// process with MAIL_WORKER=off. Any number may run at once, beside inline
// workers too: each attempt is leased by a unique insert, so no message goes twice.
import { createMailSystem } from './mail/mail-system.js';
import { ConfigError, loadConfig } from './shared/config.js';
import { openDatabase } from './shared/db/database.js';
import { createLogger } from './shared/logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, (line) => console.log(line));
  const mail = createMailSystem(config, { logger, inline: false });
  mail.worker.start();
  logger.info({ transport: mail.transport.describe(), pollMs: config.MAIL_POLL_MS }, 'mail worker started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'mail worker stopping after its batch');
    await mail.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
