import { expect } from 'chai';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import type { ParsedMail } from 'mailparser';
import mongoose, { trusted, Types } from 'mongoose';
import request from 'supertest';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { retryMessage } from '../../src/mail/outbox.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { connectDatabase, disconnectDatabase } from '../../src/shared/db/connection.js';
import { freePort } from '../../src/shared/db/ferretdb.js';
import { CalendarChange } from '../../src/workshops/calendar-change.model.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { osloInterval } from '../../src/workshops/schedule.js';
import { parseCalendar } from '../calendar/support.js';
import { makeAccount, orgNumber, PASSWORD } from '../support/fixtures.js';
import { submitForm } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { makeGarden } from '../workshops/fixtures.js';
import { calendarOf } from './support.js';
import { releaseSharedDatabase } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { startWireProxy, type WireProxy } from '../support/wire-proxy.js';

/*
 * Thirty companies, one participant each: enough that the fan-out is frozen
 * with a third told and two thirds left. What is proved (every participant gets
 * exactly one update across a crash or a stop) does not grow with the cohort.
 */
const COMPANIES = 30;
/** The fan-out is frozen when it sends this update to the database, so the kill lands at a known point. */
const FROZEN_AT = 10;
/** Only the fan-out's updates carry this in their outbox key (`calendar:<change>:<person>`). */
const UPDATE_KEY = 'calendar:session:';
const MOVED_FROM = '2027-03-18';
const MOVED_TO = '2027-03-19';

/** A cohort of six weekly sessions with COMPANIES enrolled companies of one participant each, stored directly. */
async function bigCohort() {
  const coordinator = await makeAccount({ email: `koord-${crypto.randomBytes(3).toString('hex')}@example.no`, roles: ['coordinator'], name: 'Kari Koordinator' });
  const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
  const cohort = await Cohort.create({
    gardenId: garden._id, courseSlug: 'digital-strategy', title: 'Digital strategi våren 2027', capacity: 120,
    enrolmentDeadline: new Date('2027-03-01T22:59:59Z'), trainerIds: [],
  });
  const dates = ['2027-03-11', MOVED_FROM, '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-22'];
  const modules = ['digital-opportunities', 'being-found-online', 'social-media-and-content', 'e-commerce-and-digital-sales', 'digital-tools-and-cloud', 'your-digital-strategy'];
  const sessions = await WorkshopSession.insertMany(dates.map((date, i) => ({
    cohortId: cohort._id, gardenId: garden._id, moduleSlug: modules[i], position: i + 1, room: 'Storsalen', ...osloInterval(date, '16:00', '19:00'),
  })));
  const companies = await Company.insertMany(Array.from({ length: COMPANIES }, (_, i) => ({
    name: `Bedrift ${i}`, orgNumber: orgNumber(500_000 + i * 7), municipality: 'Oppdal', sector: 'food', employees: 2,
  })));
  const people = await User.insertMany(companies.map((company, i) => ({
    email: `deltaker-${i}@example.no`, name: `Deltaker ${i}`, roles: ['participant'], companyId: company._id, language: i % 3 ? 'nb' : 'en',
  })));
  await Enrolment.insertMany(companies.map((company, i) => ({
    cohortId: cohort._id, companyId: company._id, status: 'enrolled', participantIds: [people[i]!._id], seatNo: i + 1,
  })));
  return { coordinator, cohort, sessions, people };
}

describe('mail', () => {
  describe('fan-out across a crash', () => {
    const dbName = `test_${crypto.randomBytes(6).toString('hex')}`;
    // Set by the global set-up, so read when the tests run.
    const base = () => process.env.TEST_MONGODB_URI!.replace(/\/?$/, '/');
    let smtp: SmtpSink;
    let child: ChildProcess | undefined;
    let output = '';
    let proxy: WireProxy | undefined;

    /** The real server as a process group of its own, so the kill reaches everything it started; `via` a proxy, or straight to the database. */
    async function startServer(env: Record<string, string>, via: { uri: string } = { uri: base() }): Promise<string> {
      const port = await freePort();
      output = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: {
          ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', BASE_URL: 'http://localhost:3000',
          MONGODB_URI: `${via.uri}${dbName}`, MAIL_WORKER: 'inline', ...env,
        },
        detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      const url = `http://127.0.0.1:${port}`;
      await eventually('the server answers', async () => Boolean((await fetch(`${url}/healthz`).catch(() => undefined))?.ok), { timeoutMs: 60_000 });
      return url;
    }

    const exited = (server: ChildProcess) => new Promise<number | null>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) resolve(server.exitCode);
      else server.once('exit', (code) => resolve(code));
    });

    async function killGroup(signal: NodeJS.Signals): Promise<number | null> {
      const running = child!;
      const exit = exited(running);
      process.kill(-running.pid!, signal);
      const code = await exit;
      child = undefined;
      return code;
    }

    /** Moves session 2 a day later through the coordinator's manage page; resolves when the response comes (or the process dies). */
    async function moveSecondSession(url: string, cohortId: string, sessions: Array<{ _id: Types.ObjectId }>, email: string) {
      const agent = request.agent(url);
      expect((await submitForm(agent, '/login', { email, password: PASSWORD })).status).to.equal(302);
      const form = {
        reason: 'Kursholder er syk', sessionId: sessions.map((s) => String(s._id)),
        date: ['2027-03-11', MOVED_TO, '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-22'],
        start: sessions.map(() => '16:00'), end: sessions.map(() => '19:00'), room: sessions.map(() => 'Storsalen'),
      };
      return submitForm(agent, `/cohorts/${cohortId}/manage`, form, `/cohorts/${cohortId}/sessions`).then((r) => r.status, () => 'no answer');
    }

    const updates = { template: 'session-moved' };

    /**
     * Starts the server again with a working SMTP server and waits until every
     * update is sent. An attempt the kill interrupted leaves its message
     * uncertain, which only a person retries (see mail/README.md): SMTP was down
     * in the first run, so it cannot have arrived, and the test retries it as a
     * coordinator would from the outbox page.
     */
    async function restartAndFinish(): Promise<number> {
      await startServer({ SMTP_URL: smtp.url, MAIL_POLL_MS: '200', MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '200', MAIL_LEASE_MS: '2000' });
      await eventually('the fan-out finishes and the outbox settles', async () =>
        (await CalendarChange.countDocuments()) === 0 && (await OutboxMessage.countDocuments({ ...updates, status: trusted({ $in: ['queued', 'sending'] }) })) === 0, { timeoutMs: 60_000 });
      const uncertain = await OutboxMessage.find({ ...updates, status: 'uncertain' }, { _id: 1 }).lean();
      for (const message of uncertain) expect(await retryMessage(message._id, new Date())).to.equal(true);
      await eventually('every participant’s update is sent', async () =>
        (await OutboxMessage.countDocuments({ ...updates, status: 'sent' })) === COMPANIES && (await CalendarChange.countDocuments()) === 0, { timeoutMs: 60_000 })
        .catch(async (error: Error) => {
          const statuses = await OutboxMessage.aggregate([{ $match: updates }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
          const changes = await CalendarChange.find({}, { told: 0 }).lean();
          throw new Error(`${error.message}: updates by status ${JSON.stringify(statuses)}, changes left ${JSON.stringify(changes)}; server said: ${output.slice(-2000)}`);
        });
      await smtp.waitUntil(() => smtp.messages.filter(isUpdate).length >= COMPANIES, 30_000);
      return uncertain.length;
    }

    const isUpdate = (mail: ParsedMail) => /^(Endret|Changed):/.test(mail.subject ?? '');

    /** Exactly one update per participant, each an ical.js-valid REQUEST of the moved session at SEQUENCE 1. */
    function expectOneUpdateEach(people: Array<{ email: string }>, movedUid: string) {
      const received = smtp.messages.filter(isUpdate);
      const perAddress = new Map<string, number>();
      for (const mail of received) {
        const address = (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!;
        perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
        const part = calendarOf(mail)!;
        expect(part.method).to.equal('REQUEST');
        const calendar = parseCalendar(part.text);
        expect(calendar.method).to.equal('REQUEST');
        expect(calendar.events.map((e) => [e.uid, e.sequence, e.startUtc])).to.deep.equal([[movedUid, 1, `${MOVED_TO}T15:00:00.000Z`]]);
      }
      expect(people.filter((p) => perAddress.get(p.email) !== 1).map((p) => [p.email, perAddress.get(p.email) ?? 0])).to.deep.equal([]);
      expect(received).to.have.length(people.length);
    }

    beforeEach(async () => {
      await releaseSharedDatabase();
      await connectDatabase(base(), dbName);
      smtp = await startSmtpSink();
    });

    afterEach(async () => {
      if (child) await killGroup('SIGKILL');
      await proxy?.close();
      proxy = undefined;
      await smtp.close();
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await disconnectDatabase();
    });

    /**
     * Starts the server with the mail server down, its database reached through
     * a proxy, and moves session 2; resolves once the fan-out is frozen sending
     * update number FROZEN_AT, with FROZEN_AT - 1 recorded and the rest to come.
     */
    async function moveAndFreezeFanOut() {
      const cohort = await bigCohort();
      const target = new URL(base());
      proxy = await startWireProxy({ host: target.hostname, port: Number(target.port) });
      const url = await startServer({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_POLL_MS: '600000', MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '200' }, proxy);
      const frozen = proxy.holdFrom(UPDATE_KEY, FROZEN_AT);
      const moved = moveSecondSession(url, String(cohort.cohort._id), cohort.sessions, cohort.coordinator.email);
      await frozen;
      return { ...cohort, moved };
    }

    it(`when the server is killed (-9) during a move’s fan-out to ${COMPANIES} companies and restarted, then every participant gets exactly one update`, async function () {
      // Two server starts under tsx and the fan-out, each with its own deadline below: on a loaded 2-core machine together well over two minutes.
      this.timeout(240_000);
      // First run: the mail server is down, so nothing arrives before the kill and the outbox shows how far the fan-out got.
      const { sessions, people, moved } = await moveAndFreezeFanOut();
      await killGroup('SIGKILL');
      await moved;
      expect(await OutboxMessage.countDocuments(updates), 'recorded before the kill').to.equal(FROZEN_AT - 1);
      expect(await CalendarChange.countDocuments(), 'the change is left to finish').to.equal(1);
      expect((await WorkshopSession.findById(sessions[1]!._id).lean())!.sequence).to.equal(1);

      const uncertain = await restartAndFinish();
      // Only attempts under way at the kill (at most one per sending lane) can be uncertain.
      expect(uncertain).to.be.at.most(3);
      expectOneUpdateEach(people, `session-${String(sessions[1]!._id)}@localhost`);
      expect(await OutboxMessage.countDocuments({ ...updates, status: trusted({ $ne: 'sent' }) })).to.equal(0);
    });

    it('when the server gets SIGTERM during the fan-out, then it stops cleanly before the database and the restart finishes it', async function () {
      // Two server starts under tsx and the fan-out, each with its own deadline below: on a loaded 2-core machine together well over two minutes.
      this.timeout(240_000);
      const { sessions, people, moved } = await moveAndFreezeFanOut();
      const stopped = killGroup('SIGTERM');
      // Thaw once the shutdown has begun: it stops the fan-out after the company under way, which
      // is a few steps with no database, while telling everyone left takes twice as many round trips.
      await eventually('the server starts its shutdown', () => output.includes('SIGTERM received'));
      proxy!.release();
      const code = await stopped;
      await moved;
      // A clean stop: exit 0, and nothing was written after the database closed (that would log an error).
      expect(code, output).to.equal(0);
      expect(output).to.not.match(/error|not told|failed/i);
      // Stopped part-way: the change stays recorded for the next start.
      expect(await CalendarChange.countDocuments(), 'the change is left to finish').to.equal(1);
      expect(await OutboxMessage.countDocuments(updates)).to.be.within(FROZEN_AT, COMPANIES - 1);
      // A clean stop leaves no attempt open, so nothing is uncertain.
      expect(await restartAndFinish()).to.equal(0);
      expectOneUpdateEach(people, `session-${String(sessions[1]!._id)}@localhost`);
    });
  });
});
