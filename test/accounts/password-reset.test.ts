import { expect } from 'chai';
import type { ParsedMail } from 'mailparser';
import { verifyPassword } from '../../src/accounts/password.js';
import { User } from '../../src/accounts/user.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { newAgent, signIn, submitForm } from '../support/http.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';

function linkPath(mail: ParsedMail): string {
  const match = /http:\/\/localhost:3000(\/password\/choose\/[\w-]+)/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error('no link in the email');
  return match[1];
}

describe('accounts', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  async function requestReset(email: string): Promise<string> {
    const response = await submitForm(newAgent(t.app), '/password/forgot', { email });
    expect(response.status).to.equal(302);
    return linkPath(await t.smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(email)));
  }

  describe('password reset', () => {
    it('when the emailed link is used, then the new password works and the old one does not', async () => {
      await makeAccount({ email: 'kari@example.no', name: 'Kari' });
      const path = await requestReset('kari@example.no');
      const mail = t.smtp.messages[0]!;
      expect(mail.subject).to.equal('Velg nytt passord');
      expect(mail.html).to.contain(path);
      const response = await submitForm(newAgent(t.app), path, { password: 'nytt og langt passord', confirm: 'nytt og langt passord' });
      expect(response.status).to.equal(302);
      const user = await User.findOne({ email: 'kari@example.no' }).lean();
      expect(await verifyPassword('nytt og langt passord', user!.passwordHash!)).to.equal(true);
      expect(await verifyPassword(PASSWORD, user!.passwordHash!)).to.equal(false);
    });

    it('when the address is unknown, then the answer is the same and no email is sent', async () => {
      const response = await submitForm(newAgent(t.app), '/password/forgot', { email: 'ingen@example.no' });
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal('/login');
      // Every email is recorded in the outbox before the answer goes out; none was.
      expect(await OutboxMessage.countDocuments()).to.equal(0);
    });

    it('when the link is used a second time, then it is refused', async () => {
      await makeAccount({ email: 'kari@example.no' });
      const path = await requestReset('kari@example.no');
      await submitForm(newAgent(t.app), path, { password: 'første nye passord', confirm: 'første nye passord' });
      const again = await newAgent(t.app).get(path);
      expect(again.status).to.equal(404);
      expect(again.text).to.contain('Lenken er allerede brukt eller har gått ut på tid.');
    });

    it('when the link has expired, then it is refused and the password is unchanged', async () => {
      await makeAccount({ email: 'kari@example.no' });
      const path = await requestReset('kari@example.no');
      const agent = newAgent(t.app);
      const page = await agent.get(path).expect(200);
      t.clock.advanceMinutes(61);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const response = await agent.post(path).type('form').send({ _csrf: token, password: 'sent passord her', confirm: 'sent passord her' });
      expect(response.status).to.equal(404);
      const user = await User.findOne({ email: 'kari@example.no' }).lean();
      expect(await verifyPassword(PASSWORD, user!.passwordHash!)).to.equal(true);
    });

    it('when the same link is submitted 15 times at once, then exactly one submission sets a password', async () => {
      await makeAccount({ email: 'kari@example.no' });
      const path = await requestReset('kari@example.no');
      const agents = Array.from({ length: 15 }, () => newAgent(t.app));
      const tokens = await Promise.all(agents.map(async (agent) => /name="_csrf" value="([^"]+)"/.exec((await agent.get(path)).text)![1]!));
      const responses = await Promise.all(agents.map((agent, i) =>
        agent.post(path).type('form').send({ _csrf: tokens[i], password: `passord nummer ${i}`, confirm: `passord nummer ${i}` })));
      expect(responses.filter((r) => r.status === 302)).to.have.length(1);
      expect(responses.filter((r) => r.status === 404)).to.have.length(14);
    });

    it('when the two passwords differ, then the form says so and the link still works', async () => {
      await makeAccount({ email: 'kari@example.no' });
      const path = await requestReset('kari@example.no');
      const response = await submitForm(newAgent(t.app), path, { password: 'et langt passord', confirm: 'et annet passord' });
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Passordene er ikke like.');
      expect((await newAgent(t.app).get(path)).status).to.equal(200);
    });
  });

  describe('invite colleague', () => {
    it('when a participant invites a colleague, then the colleague joins the company through the emailed link', async () => {
      const company = await makeCompany({ name: 'Røros Gjestegård' });
      await makeAccount({ email: 'eier@example.no', name: 'Eier', companyId: company._id });
      const agent = await signIn(t.app, 'eier@example.no', PASSWORD);
      const response = await submitForm(agent, '/company', { name: 'Kollega', email: 'kollega@example.no' }, `/companies/${company._id}/colleagues`);
      expect(response.status).to.equal(302);
      const mail = await t.smtp.waitFor((m) => JSON.stringify(m.to).includes('kollega@example.no'));
      expect(mail.text).to.contain('Røros Gjestegård');
      const colleague = newAgent(t.app);
      await submitForm(colleague, linkPath(mail), { password: 'fjordens stille morgen', confirm: 'fjordens stille morgen' }).then((r) => expect(r.status).to.equal(302));
      const page = await colleague.get('/company').expect(200);
      expect(page.text).to.contain('Røros Gjestegård');
      expect(page.text).to.contain('eier@example.no');
    });
  });
});
