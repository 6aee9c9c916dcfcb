import mongoose from 'mongoose';
import { createApp } from './app.js';
import { loadCourses } from './courses/content-loader.js';
import { rekeyCourseRecords } from './courses/rekey.js';
import { rekeyFeedTokens } from './calendar/rekey.js';
import { createMailSystem } from './mail/mail-system.js';
import { BackgroundWork } from './shared/background.js';
import { loadConfig } from './shared/config.js';
import { onShutdown, runMain } from './shared/process.js';
import { openDatabase } from './shared/db/database.js';
import { createLogger } from './shared/logger.js';
import { removeExpiredLinks } from './accounts/one-time-links.js';
import { removeExpiredSessions } from './shared/http/session-store.js';
import { databaseSessionStore } from './shared/http/session.js';
import { projectPath } from './shared/paths.js';
import { DomainEvents } from './shared/events.js';
import { createDrainingServer } from './shared/http/draining-server.js';
import { createEnrolmentService } from './workshops/enrolment.service.js';
import { claimOlderCheckInCodes } from './workshops/index.js';
import { createErasureService } from './privacy/index.js';
import { rekeyAttendanceMarks } from './attendance/rekey.js';

const IMPORT_GRACE_MS = 20_000;
const SHUTDOWN_GRACE_MS = 10_000;

/** Reads the configuration, opens the database, listens, and shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // Course content is checked before anything starts, so a broken file stops the boot with its name.
  const courses = await loadCourses(projectPath('courses'));
  const database = await openDatabase(config, (line) => console.log(line));
  const rekeyed = await rekeyCourseRecords();
  if (rekeyed > 0) console.log(`gave ${rekeyed} course enrolments and done marks their derived ids`);
  const feedTokens = await rekeyFeedTokens();
  if (feedTokens > 0) console.log(`gave ${feedTokens} calendar feed tokens their hash as id`);
  const codes = await claimOlderCheckInCodes();
  if (codes > 0) console.log(`claimed ${codes} check-in codes given before codes had their own documents`);
  const marks = await rekeyAttendanceMarks();
  if (marks > 0) console.log(`gave ${marks} attendance marks their derived ids`);
  // An erasure a stopped process left half done is finished before anyone can sign in as its person again.
  const sessions = databaseSessionStore(mongoose.connection.getClient(), database.dbName);
  const erasures = await createErasureService({ sessions, now: () => new Date() }).finishUnfinished();
  if (erasures > 0) console.log(`finished ${erasures} account erasures left unfinished`);
  // The outbox worker runs here unless MAIL_WORKER=off, when `npm run worker` sends the mail instead.
  const mail = createMailSystem(config, { catalogue: courses, logger });
  const background = new BackgroundWork();
  const events = new DomainEvents();
  const app = createApp({ config, logger, mailer: mail.mailer, dbClient: mongoose.connection.getClient(), dbName: database.dbName, courses, background, events });
  // Enrolments left pending by a request that stopped half-way, which no page has met, are finished here (emails included).
  const enrolment = createEnrolmentService({ events, now: () => new Date() });
  const settlePending = setInterval(() => {
    enrolment.settleStale({}).catch((error) => logger.warn({ err: error }, 'pending enrolments not settled'));
  }, 60 * 1000);

  const web = createDrainingServer(app, { graceMs: SHUTDOWN_GRACE_MS, retryAfterSeconds: 5 });
  web.server.listen(config.PORT, config.HOST, () => {
    console.log(`Digital Afternoons listens on ${config.BASE_URL} (database: ${database.description}; mail: ${mail.transport.describe()}${mail.inline ? '' : ', sent by the separate worker'})`);
  });
  mail.start();
  // Expiry is the app's job on FerretDB (no TTL indexes); every delete here is acknowledged.
  const removeExpired = () => {
    const now = new Date();
    removeExpiredLinks(now).catch((error) => logger.warn({ err: error }, 'link clean-up failed'));
    removeExpiredSessions(sessions.collection, now, sessions.index).catch((error) => logger.warn({ err: error }, 'session clean-up failed'));
  };
  removeExpired();
  const sweep = setInterval(removeExpired, config.EXPIRY_SWEEP_MINUTES * 60_000);

  onShutdown(async (signal) => {
    const stopped = web.stop();
    console.log(`${signal} received: closing`);
    clearInterval(sweep);
    clearInterval(settlePending);
    // New requests, also on open keep-alive connections, get 503 from here on; the requests under way
    // finish before the database goes, and stragglers are cut after ten seconds.
    await stopped;
    // An import stops between lines at worst; one still running after this is resumed from its page.
    if (!(await background.settled(IMPORT_GRACE_MS))) console.log('an import was still running; it can be resumed');
    await mail.stop();
    await database.close();
  });
}

runMain(main);
