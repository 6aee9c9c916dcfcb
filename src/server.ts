import mongoose from 'mongoose';
import path from 'node:path';
import { createApp } from './app.js';
import { loadCourses } from './courses/content-loader.js';
import { createMailSystem } from './mail/mail-system.js';
import { loadConfig } from './shared/config.js';
import { onShutdown, runMain } from './shared/process.js';
import { openDatabase } from './shared/db/database.js';
import { createLogger } from './shared/logger.js';
import { removeExpiredLinks } from './accounts/one-time-links.js';
import { DomainEvents } from './shared/events.js';
import { createEnrolmentService } from './workshops/enrolment.service.js';

/** Reads the configuration, opens the database, listens, and shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // Course content is checked before anything starts, so a broken file stops the boot with its name.
  const courses = await loadCourses(path.resolve('courses'));
  const database = await openDatabase(config, (line) => console.log(line));
  // The outbox worker runs here unless MAIL_WORKER=off, when `npm run worker` sends the mail instead.
  const mail = createMailSystem(config, { logger });
  const events = new DomainEvents();
  const app = createApp({ config, logger, mailer: mail.mailer, dbClient: mongoose.connection.getClient(), dbName: database.dbName, courses, events });
  // Enrolments left pending by a request that stopped half-way, which no page has met, are finished here (emails included).
  const enrolment = createEnrolmentService({ events, now: () => new Date() });
  const settlePending = setInterval(() => {
    enrolment.settleStale({}).catch((error) => logger.warn({ err: error }, 'pending enrolments not settled'));
  }, 60 * 1000);

  const server = app.listen(config.PORT, config.HOST, () => {
    console.log(`Digital Afternoons listens on ${config.BASE_URL} (database: ${database.description}; mail: ${mail.transport.describe()}${mail.inline ? '' : ', sent by the separate worker'})`);
  });
  mail.start();
  const sweep = setInterval(() => {
    removeExpiredLinks(new Date()).catch((error) => logger.warn({ err: error }, 'link clean-up failed'));
  }, 60 * 60 * 1000);

  onShutdown(async (signal) => {
    console.log(`${signal} received: closing`);
    clearInterval(sweep);
    clearInterval(settlePending);
    // Finish the requests under way before the database goes; give up on stragglers after ten seconds.
    const drained = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), 10_000);
    await drained;
    clearTimeout(timer);
    await mail.stop();
    await database.close();
  });
}

runMain(main);
