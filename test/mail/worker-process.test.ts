import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { trusted } from 'mongoose';
import { enqueueMessage } from '../../src/mail/outbox.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';

/** `npm run worker` as a child process against this test file's database. */
function startWorker(t: TestApp, smtpUrl: string): ChildProcess {
  const base = process.env.TEST_MONGODB_URI!.replace(/\/?$/, '/');
  return spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: `${base}${t.dbName}`, SMTP_URL: smtpUrl,
      BASE_URL: t.config.BASE_URL, MAIL_POLL_MS: '50', MAIL_LEASE_MS: '1500',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// The sink answers this many messages, then holds each later one after its data: the worker is stopped at a known point.
const ACCEPTED_BEFORE_KILL = 8;
// The worker sends on three lanes side by side (LANES in src/mail/worker.ts), so three messages are in flight at the kill.
const IN_FLIGHT = 3;

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

describe('mail', () => {
  describe('worker process', () => {
    let t: TestApp;
    let smtp: SmtpSink;
    let child: ChildProcess | undefined;
    beforeEach(async () => {
      t = await startTestApp({ MAIL_WORKER: 'off' });
      smtp = await startSmtpSink({ holdAfter: ACCEPTED_BEFORE_KILL });
    });
    afterEach(async () => {
      child?.kill('SIGKILL');
      if (child) await exited(child);
      await smtp.close();
      await t.close();
    });

    it('when the worker is killed mid-batch and restarted, then nothing is sent twice and the rest are sent or uncertain', async function () {
      this.timeout(60_000);
      const total = 40;
      for (let i = 0; i < total; i += 1) {
        await enqueueMessage({ template: 'test', to: `p${i}@example.no`, language: 'nb', subject: `Melding ${i}`, text: `Tekst ${i}`, html: `<p>${i}</p>` },
          { now: new Date(), host: 'localhost' });
      }
      child = startWorker(t, smtp.url);
      await smtp.waitUntil(() => smtp.held === IN_FLIGHT, 30_000);
      child.kill('SIGKILL');
      await exited(child);
      expect(smtp.messages).to.have.length(ACCEPTED_BEFORE_KILL);

      smtp.stopHolding();
      child = startWorker(t, smtp.url);
      const unfinished = () => OutboxMessage.countDocuments({ status: trusted({ $in: ['queued', 'sending'] }) });
      await eventually('no message is queued or sending', async () => (await unfinished()) === 0, { timeoutMs: 40_000, intervalMs: 100 });

      const received = smtp.messages.map((m) => m.messageId!);
      expect(new Set(received).size, 'a Message-ID arrived twice').to.equal(received.length);
      const messages = await OutboxMessage.find({}, { messageId: 1, status: 1 }).lean();
      const byStatus = (status: string) => messages.filter((m) => m.status === status);
      // The messages held at the kill may have reached their recipients: uncertain, never sent again. Every other one was sent once.
      expect(byStatus('uncertain')).to.have.length(IN_FLIGHT);
      expect(byStatus('sent')).to.have.length(total - IN_FLIGHT);
      expect(received).to.have.length(total - IN_FLIGHT);
      for (const sent of byStatus('sent')) expect(received, sent.messageId).to.include(sent.messageId);
    });
  });
});
