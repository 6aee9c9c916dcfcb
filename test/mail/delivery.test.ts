import { expect } from 'chai';
import { trusted } from 'mongoose';
import { enqueueMessage } from '../../src/mail/outbox.js';
import { OutboxAttempt, OutboxMessage } from '../../src/mail/outbox.model.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { createMailWorker } from '../../src/mail/worker.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import { formToken } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { coordinatorCohort } from './support.js';

const retry = { baseMs: 50, maxMs: 200, giveUpMs: 60_000 };

async function queue(count: number, prefix = 'person') {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { id } = await enqueueMessage({
      template: 'test', to: `${prefix}-${i}@example.no`, language: 'nb', subject: `Melding ${i}`, text: `Tekst ${i}`, html: `<p>Tekst ${i}</p>`,
    }, { now: new Date(), host: 'localhost' });
    ids.push(id);
  }
  return ids;
}

const workerFor = (smtp: { url: string }, overrides: Partial<Parameters<typeof createMailWorker>[0]> = {}) => createMailWorker({
  transport: createMailTransport({ smtpUrl: smtp.url, mailDir: 'unused' }), from: 'DA <da@example.no>', now: () => new Date(),
  pollMs: 50, leaseMs: 60_000, retry, ...overrides,
});

describe('mail', () => {
  describe('outbox worker', () => {
    let t: TestApp;
    let smtp: SmtpSink | undefined;
    beforeEach(async () => { t = await startTestApp({ MAIL_WORKER: 'off' }); });
    afterEach(async () => {
      await smtp?.close();
      smtp = undefined;
      await t.close();
    });

    it('when the server answers 550 for a mailbox, then the message is failed with the reason and not retried', async () => {
      smtp = await startSmtpSink({ refuse: (address) => (address.startsWith('bad') ? 550 : undefined) });
      const [bad] = await queue(1, 'bad');
      await queue(1, 'good');
      const summary = await workerFor(smtp).runOnce();
      expect(summary).to.include({ sent: 1, failed: 1 });
      const message = await OutboxMessage.findById(bad).lean();
      expect(message).to.include({ status: 'failed', attempts: 1 });
      expect(message!.lastError).to.contain('550');
      await workerFor(smtp).runOnce();
      expect(smtp.offers.get('bad-0@example.no')).to.equal(1);
    });

    it('when the server answers 451 once, then the message is retried after a backoff and sent once', async () => {
      smtp = await startSmtpSink({ refuse: (_address, offer) => (offer === 1 ? 451 : undefined) });
      const [id] = await queue(1);
      const clock = new TestClock();
      const worker = workerFor(smtp, { now: clock.now });
      expect(await worker.runOnce()).to.include({ retry: 1 });
      const waiting = await OutboxMessage.findById(id).lean();
      expect(waiting).to.include({ status: 'queued', attempts: 1 });
      expect(waiting!.nextAttemptAt.getTime()).to.be.greaterThan(clock.now().getTime());
      expect(await worker.runOnce()).to.include({ sent: 0 });
      clock.advanceMinutes(1);
      expect(await worker.runOnce()).to.include({ sent: 1 });
      expect(await OutboxMessage.findById(id).lean()).to.include({ status: 'sent', attempts: 2 });
      expect(smtp.messages).to.have.length(1);
    });

    it('when four workers run over the same 40 messages at once, then each message is sent exactly once', async () => {
      smtp = await startSmtpSink({ delayMs: 5 });
      await queue(40);
      const workers = Array.from({ length: 4 }, () => workerFor(smtp!));
      await Promise.all(workers.map((w) => w.runOnce()));
      await Promise.all(workers.map((w) => w.runOnce()));
      const ids = smtp.messages.map((m) => m.messageId);
      expect(ids).to.have.length(40);
      expect(new Set(ids).size).to.equal(40);
      expect(await OutboxMessage.countDocuments({ status: 'sent' })).to.equal(40);
      expect(await OutboxAttempt.countDocuments()).to.equal(40);
    });

    it('when a worker died after marking a message sending, then it becomes uncertain and is not sent again', async () => {
      smtp = await startSmtpSink();
      const [id] = await queue(1);
      await OutboxAttempt.create({ _id: `${id}:1`, messageId: id, number: 1, worker: 'dead', startedAt: new Date(Date.now() - 10_000) });
      await OutboxMessage.updateOne({ _id: id }, { $set: { status: 'sending', attempts: 1 } });
      await workerFor(smtp, { leaseMs: 1000 }).runOnce();
      expect(await OutboxMessage.findById(id).lean()).to.include({ status: 'uncertain' });
      expect(smtp.messages).to.have.length(0);
    });

    it('when a worker died before marking a message sending, then the next worker sends it once', async () => {
      smtp = await startSmtpSink();
      const [id] = await queue(1);
      await OutboxAttempt.create({ _id: `${id}:1`, messageId: id, number: 1, worker: 'dead', startedAt: new Date(Date.now() - 10_000) });
      const worker = workerFor(smtp, { leaseMs: 1000 });
      await worker.runOnce();
      await worker.runOnce();
      expect(await OutboxMessage.findById(id).lean()).to.include({ status: 'sent', attempts: 2 });
      expect(smtp.messages).to.have.length(1);
    });

    it('when an attempt is under way within its lease, then another worker leaves the message alone', async () => {
      smtp = await startSmtpSink();
      const [id] = await queue(1);
      await OutboxAttempt.create({ _id: `${id}:1`, messageId: id, number: 1, worker: 'busy', startedAt: new Date() });
      expect(await workerFor(smtp).runOnce()).to.include({ skipped: 1, sent: 0 });
      expect(smtp.messages).to.have.length(0);
    });
  });

  describe('outage', () => {
    // Enrolled in two rounds of ten form posts while SMTP is down, so messages queue up across several polls.
    const COMPANIES = 20;
    it(`when SMTP refuses connections while ${COMPANIES} companies are enrolled, then all ${COMPANIES} confirmations arrive exactly once when it returns`, async function () {
      this.timeout(90_000);
      const t = await startTestApp({ MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '400', MAIL_POLL_MS: '100' });
      try {
        const { cohortId, agent } = await coordinatorCohort(t, { capacity: String(COMPANIES + 10) });
        const companies = await Promise.all(Array.from({ length: COMPANIES }, async (_, i) => {
          const company = await makeCompany();
          await makeAccount({ email: `eier-${i}@example.no`, companyId: company._id });
          return company;
        }));
        await t.smtp.close();
        const token = await formToken(agent, `/cohorts/${cohortId}/manage`);
        for (let i = 0; i < companies.length; i += 10) {
          const responses = await Promise.all(companies.slice(i, i + 10).map((c) =>
            agent.post(`/cohorts/${cohortId}/enrolments`).type('form').send({ _csrf: token, orgNumber: c.orgNumber })));
          expect(responses.map((r) => r.status)).to.deep.equal(responses.map(() => 302));
        }
        const confirmations = { template: 'enrolment-confirmed' };
        await eventually('the worker has tried to send', async () => (await OutboxMessage.countDocuments({ ...confirmations, attempts: trusted({ $gt: 0 }) })) > 0);
        expect(await OutboxMessage.countDocuments(confirmations)).to.equal(COMPANIES);
        expect(await OutboxMessage.countDocuments({ ...confirmations, status: 'sent' })).to.equal(0);
        expect(await OutboxMessage.countDocuments({ ...confirmations, attempts: trusted({ $gt: 0 }) })).to.be.greaterThan(0);

        const back = await startSmtpSink({ port: t.smtp.port });
        try {
          // Once every message is marked sent, nothing is left for a worker to send again.
          await eventually('all are marked sent', async () => (await OutboxMessage.countDocuments({ ...confirmations, status: 'sent' })) === COMPANIES, { timeoutMs: 30_000 });
          const received = back.messages.filter((m) => m.subject?.startsWith('Påmeldt:'));
          const ids = received.map((m) => m.messageId);
          expect(ids).to.have.length(COMPANIES);
          expect(new Set(ids).size).to.equal(COMPANIES);
          expect(new Set(received.map((m) => JSON.stringify(m.to))).size).to.equal(COMPANIES);
          expect(await OutboxMessage.countDocuments({ ...confirmations, status: 'sent' })).to.equal(COMPANIES);
        } finally {
          await back.close();
        }
      } finally {
        await t.close();
      }
    });
  });
});
