import crypto from 'node:crypto';
import mongoose from 'mongoose';
import type { Express } from 'express';
import { projectPath } from '../../src/shared/paths.js';
import { createApp } from '../../src/app.js';
import type { CourseCatalogue } from '../../src/courses/catalogue.js';
import { loadCourses } from '../../src/courses/content-loader.js';
import { createMailSystem, type MailSystem } from '../../src/mail/mail-system.js';
import { loadConfig, type Config } from '../../src/shared/config.js';
import { connectDatabase, disconnectDatabase } from '../../src/shared/db/connection.js';
import { createLogger } from '../../src/shared/logger.js';
import { recordIncident } from './incidents.js';
import { startSmtpSink, type SmtpSink } from './smtp.js';

/** A clock tests can move forward, e.g. to expire a link. */
export class TestClock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advanceMinutes(minutes: number) { this.offsetMs += minutes * 60_000; }
}

export interface TestApp {
  app: Express;
  config: Config;
  courses: CourseCatalogue;
  smtp: SmtpSink;
  /** The outbox worker runs in-process and is woken by every queued message. */
  mail: MailSystem;
  clock: TestClock;
  dbName: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  mongoUri?: string;
  coursesDir?: string;
  /** A database the caller opened (e.g. with openDatabase): used as it is, and left open by close(). */
  openDatabase?: { uri: string; dbName: string };
}

// The real course folder is read once per run; it does not change during tests.
let realCourses: Promise<CourseCatalogue> | undefined;

/**
 * The run's test database on the test FerretDB: created once with every
 * collection and index, and emptied for each test app. Creating a database
 * with its thirty collections and indexes took 2–3 s a test on this machine;
 * emptying it takes a fraction of that.
 */
let shared: { uri: string; dbName: string } | undefined;

async function emptyCollections(): Promise<void> {
  const db = mongoose.connection.db!;
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  await Promise.all(collections.map((c) => db.collection(c.name).deleteMany({})));
}

async function useSharedDatabase(uri: string): Promise<string> {
  if (shared?.uri === uri && mongoose.connection.readyState === 1) {
    await emptyCollections();
    return shared.dbName;
  }
  await releaseSharedDatabase();
  const dbName = `test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await connectDatabase(uri, dbName, { onIncident: recordIncident });
  shared = { uri, dbName };
  return dbName;
}

/** Drops the shared test database and disconnects: after the run, or before a test connects on its own. */
export async function releaseSharedDatabase(): Promise<void> {
  if (!shared) return;
  shared = undefined;
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await disconnectDatabase();
}

/**
 * Builds the app around an empty database on the test FerretDB (or on
 * `options.mongoUri`, connected for this app alone, or the database a test
 * opened itself) and a real SMTP server. close() stops the app's mail worker
 * and SMTP server; the shared database stays connected for the next test.
 * The app serves the real courses/ folder unless `options.coursesDir` names another.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const courses = options.coursesDir
    ? await loadCourses(options.coursesDir)
    : await (realCourses ??= loadCourses(projectPath('courses')));
  const defaultUri = process.env.TEST_MONGODB_URI;
  if (!defaultUri) throw new Error('TEST_MONGODB_URI is not set: run the tests with npm test');
  let dbName: string;
  let ownConnection = false;
  if (options.openDatabase) {
    dbName = options.openDatabase.dbName;
  } else if (options.mongoUri) {
    await releaseSharedDatabase();
    dbName = `test_${crypto.randomBytes(6).toString('hex')}`;
    await connectDatabase(options.mongoUri, dbName, { onIncident: recordIncident });
    ownConnection = true;
  } else {
    dbName = await useSharedDatabase(defaultUri);
  }
  const smtp = await startSmtpSink();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: smtp.url, BASE_URL: 'http://localhost:3000', MAIL_POLL_MS: '60000', ...env });
  const clock = new TestClock();
  const mail = createMailSystem(config, { catalogue: courses, now: clock.now, logger: createLogger('silent') });
  const app = createApp({
    config, logger: createLogger('silent'), mailer: mail.mailer, dbClient: mongoose.connection.getClient(), dbName, courses, now: clock.now,
  });
  mail.start();
  return {
    app, config, courses, smtp, mail, clock, dbName,
    async close() {
      await mail.stop();
      if (ownConnection) {
        await mongoose.connection.db?.dropDatabase().catch(() => undefined);
        await disconnectDatabase();
      }
      await smtp.close();
    },
  };
}
