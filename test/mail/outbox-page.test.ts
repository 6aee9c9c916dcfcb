import { expect } from 'chai';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn, submitForm } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { coordinatorCohort, enrolFromPage, participant } from './support.js';

describe('mail', () => {
  describe('outbox page', () => {
    let t: TestApp;
    let smtp: SmtpSink;
    beforeEach(async () => {
      smtp = await startSmtpSink({ refuse: (address) => (address.startsWith('ugyldig') ? 550 : undefined) });
      t = await startTestApp({ SMTP_URL: smtp.url });
    });
    afterEach(async () => {
      await t.close();
      await smtp.close();
    });

    const waitForStatus = async (filter: Record<string, unknown>, status: string, attempts: number) => {
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const message = await OutboxMessage.findOne(filter).lean();
        if (message?.status === status && message.attempts === attempts) return message;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no message reached ${status} after ${attempts} attempts`);
    };

    it('when a mailbox is refused, then its garden’s coordinator sees it failed and can retry it, and others cannot see it', async () => {
      const { cohortId, agent } = await coordinatorCohort(t);
      const bad = await participant(t, { email: 'ugyldig@example.no' });
      await enrolFromPage(bad.agent, cohortId);
      const failed = await waitForStatus({ to: 'ugyldig@example.no', template: 'enrolment-confirmed' }, 'failed', 1);
      expect(failed.lastError).to.contain('550');

      const page = await agent.get('/outbox?status=failed').expect(200);
      expect(page.text).to.contain('ugyldig@example.no');
      expect(page.text).to.contain('Feilet');
      // Said in the page's language, with the server's own (English) answer marked as English.
      expect(page.text).to.contain('Mottakerens e-posttjener avviste e-posten.');
      expect(page.text).to.match(/Svar fra e-posttjeneren: <span lang="en">[^<]*550/);
      expect(page.text).to.contain(`/outbox/${failed._id}/retry`);
      const retried = await agent.post(`/outbox/${failed._id}/retry`).type('form').send({ _csrf: csrfFrom(page.text) });
      expect(retried.status).to.equal(302);
      await waitForStatus({ _id: failed._id }, 'failed', 2);
      expect(smtp.offers.get('ugyldig@example.no')).to.equal(2);

      const other = await coordinatorCohort(t);
      const otherPage = await other.agent.get('/outbox').expect(200);
      expect(otherPage.text).to.not.contain('ugyldig@example.no');
      const refused = await other.agent.post(`/outbox/${failed._id}/retry`).type('form').send({ _csrf: csrfFrom(otherPage.text) });
      expect(refused.status).to.equal(403);
    });

    it('when an admin opens /admin/mail, then every recent message is listed with the transport; others are refused', async () => {
      await makeAccount({ email: 'admin@example.no', roles: ['admin'] });
      await makeAccount({ email: 'glemsk@example.no' });
      await submitForm(newAgent(t.app), '/password/forgot', { email: 'glemsk@example.no' });
      await smtp.waitUntil(() => smtp.messages.length === 1);
      const admin = await signIn(t.app, 'admin@example.no', PASSWORD);
      const page = await admin.get('/admin/mail').expect(200);
      expect(page.text).to.contain('glemsk@example.no');
      expect(page.text).to.contain(`SMTP 127.0.0.1:${smtp.port}`);
      const coordinator = await coordinatorCohort(t);
      expect((await coordinator.agent.get('/admin/mail')).status).to.equal(403);
      expect((await coordinator.agent.get('/outbox')).text).to.not.contain('glemsk@example.no');
      await makeAccount({ email: 'p@example.no' });
      expect((await (await signIn(t.app, 'p@example.no', PASSWORD)).get('/outbox')).status).to.equal(403);
    });
  });
});
