// The outbox worker as its own process (`npm run worker`), for running the web
// process with MAIL_WORKER=off. Any number may run at once, beside inline
// workers too: each attempt is leased by a unique insert, so no message goes twice.
// It also tells recorded calendar changes (the fan-out), whose emails name the course's modules.
import path from 'node:path';
import { loadCourses } from './courses/content-loader.js';
import { createMailSystem } from './mail/mail-system.js';
import { loadConfig } from './shared/config.js';
import { onShutdown, runMain } from './shared/process.js';
import { openDatabase } from './shared/db/database.js';
import { createLogger } from './shared/logger.js';
import { registerMessages } from './messages.js';

async function main(): Promise<void> {
  registerMessages();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const courses = await loadCourses(path.resolve('courses'));
  const database = await openDatabase(config, (line) => console.log(line));
  const mail = createMailSystem(config, { catalogue: courses, logger, inline: false });
  mail.worker.start();
  mail.fanOut.start();
  logger.info({ transport: mail.transport.describe(), pollMs: config.MAIL_POLL_MS }, 'mail worker started');

  onShutdown(async (signal) => {
    logger.info({ signal }, 'mail worker stopping after its batch');
    await mail.stop();
    await database.close();
  });
}

runMain(main);
