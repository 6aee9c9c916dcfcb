import { expect } from 'chai';
import type { ParsedMail } from 'mailparser';
import { verifyPassword } from '../../src/accounts/password.js';
import { User } from '../../src/accounts/user.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn, submitForm, type Agent } from '../support/http.js';

const NEW_PASSWORD = 'et helt nytt og langt passord';
const to = (address: string, subject: string) => (mail: ParsedMail) => JSON.stringify(mail.to).includes(address) && mail.subject === subject;

function confirmPath(mail: ParsedMail): string {
  const match = /http:\/\/localhost:3000(\/profile\/email\/[\w-]+)/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error('no link in the email');
  return match[1];
}

/** Whether the agent's session still counts as signed in. */
async function signedIn(agent: Agent): Promise<boolean> {
  const response = await agent.get('/dashboard');
  return response.status === 200;
}

describe('accounts: profile', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  it('when nobody is signed in, then every profile page and form sends them to log in and changes nothing', async () => {
    const agent = newAgent(t.app);
    expect((await agent.get('/profile').expect(302)).headers.location).to.match(/^\/login/);
    const token = csrfFrom((await agent.get('/login')).text);
    for (const path of ['/profile/details', '/profile/password', '/profile/email', '/profile/logout-everywhere']) {
      const response = await agent.post(path).type('form').send({ _csrf: token, name: 'X', language: 'en' });
      expect(response.status, path).to.equal(302);
      expect(response.headers.location, path).to.match(/^\/login/);
    }
  });

  it('when a person changes name and language, then both are stored and the pages follow the language', async () => {
    const person = await makeAccount({ email: 'kari@example.no', name: 'Kari' });
    const agent = await signIn(t.app, person.email, PASSWORD);
    const response = await submitForm(agent, '/profile', { name: 'Kari Nordmann', language: 'en' }, '/profile/details');
    expect(response.status).to.equal(302);
    const user = await User.findById(person._id).lean();
    expect([user?.name, user?.language]).to.deep.equal(['Kari Nordmann', 'en']);
    expect((await agent.get('/profile').expect(200)).text).to.contain('<h1>Your profile</h1>');
  });

  describe('password', () => {
    it('when the current password is wrong, then nothing changes and the field says so', async () => {
      const person = await makeAccount({ email: 'kari@example.no' });
      const agent = await signIn(t.app, person.email, PASSWORD);
      const response = await submitForm(agent, '/profile', { currentPassword: 'feil passord her', newPassword: NEW_PASSWORD }, '/profile/password');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Passordet stemmer ikke.');
      expect(response.text).not.to.contain(NEW_PASSWORD);
      const user = await User.findById(person._id).lean();
      expect(await verifyPassword(PASSWORD, user!.passwordHash!)).to.equal(true);
    });

    it('when it is changed, then other sessions end, this one stays, and the person is told by email', async () => {
      const person = await makeAccount({ email: 'kari@example.no', name: 'Kari' });
      const elsewhere = await signIn(t.app, person.email, PASSWORD);
      const here = await signIn(t.app, person.email, PASSWORD);
      const response = await submitForm(here, '/profile', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, '/profile/password');
      expect(response.status).to.equal(302);
      expect(await signedIn(here)).to.equal(true);
      expect(await signedIn(elsewhere)).to.equal(false);
      const user = await User.findById(person._id).lean();
      expect(await verifyPassword(NEW_PASSWORD, user!.passwordHash!)).to.equal(true);
      const mail = await t.smtp.waitFor(to('kari@example.no', 'Passordet ditt er byttet'));
      expect(mail.text).to.contain('http://localhost:3000/password/forgot');
    });
  });

  describe('email address', () => {
    it('when a new address is confirmed through its link, then the account takes it and the old address is told', async () => {
      const person = await makeAccount({ email: 'kari@example.no', name: 'Kari' });
      const agent = await signIn(t.app, person.email, PASSWORD);
      const request = await submitForm(agent, '/profile', { newEmail: 'kari@nytt.no', emailPassword: PASSWORD }, '/profile/email');
      expect(request.status).to.equal(302);
      const path = confirmPath(await t.smtp.waitFor(to('kari@nytt.no', 'Bekreft ny e-postadresse')));
      expect((await User.findById(person._id).lean())?.email).to.equal('kari@example.no');

      // Opening the link only asks; a mail scanner following it changes nothing.
      const page = await newAgent(t.app).get(path).expect(200);
      expect(page.text).to.contain('kari@nytt.no');
      expect((await User.findById(person._id).lean())?.email).to.equal('kari@example.no');

      const confirmed = await submitForm(newAgent(t.app), path, {});
      expect(confirmed.status).to.equal(302);
      expect((await User.findById(person._id).lean())?.email).to.equal('kari@nytt.no');
      const notice = await t.smtp.waitFor(to('kari@example.no', 'E-postadressen din er byttet'));
      expect(notice.text).to.contain('kari@nytt.no');
      expect((await newAgent(t.app).get(path)).status).to.equal(404);
      expect(await signIn(t.app, 'kari@nytt.no', PASSWORD)).to.not.equal(undefined);
    });

    it('when the link is sent 10 times at once, then the change happens once and the old address is told once', async () => {
      const person = await makeAccount({ email: 'kari@example.no', name: 'Kari' });
      const agent = await signIn(t.app, person.email, PASSWORD);
      await submitForm(agent, '/profile', { newEmail: 'kari@nytt.no', emailPassword: PASSWORD }, '/profile/email');
      const path = confirmPath(await t.smtp.waitFor(to('kari@nytt.no', 'Bekreft ny e-postadresse')));
      const visitor = newAgent(t.app);
      const token = csrfFrom((await visitor.get(path)).text);
      const answers = await Promise.all(Array.from({ length: 10 }, () => visitor.post(path).type('form').send({ _csrf: token })));
      expect(answers.map((a) => a.status).sort()).to.deep.equal([302, ...Array(9).fill(404)]);
      // Every email is recorded in the outbox before the answer goes out.
      expect(await OutboxMessage.countDocuments({ template: 'email-changed' })).to.equal(1);
      expect((await User.findById(person._id).lean())?.email).to.equal('kari@nytt.no');
    });

    it('when two people confirm a change to the same new address at once, then one gets it and the other is told it is taken', async () => {
      const kari = await makeAccount({ email: 'kari@example.no', name: 'Kari' });
      const ola = await makeAccount({ email: 'ola@example.no', name: 'Ola' });
      const paths: string[] = [];
      for (const person of [kari, ola]) {
        await submitForm(await signIn(t.app, person.email, PASSWORD), '/profile', { newEmail: 'felles@example.no', emailPassword: PASSWORD }, '/profile/email');
        paths.push(confirmPath(await t.smtp.waitFor((m) => JSON.stringify(m.to).includes('felles@example.no') && (m.text ?? '').includes(`Hei ${person.name}`))));
      }
      const visitors = paths.map(() => newAgent(t.app));
      const tokens = await Promise.all(paths.map(async (path, i) => csrfFrom((await visitors[i]!.get(path)).text)));
      const answers = await Promise.all(paths.map((path, i) => visitors[i]!.post(path).type('form').send({ _csrf: tokens[i] })));
      expect(answers.map((a) => a.status).sort()).to.deep.equal([302, 400]);
      expect(answers.find((a) => a.status === 400)!.text).to.contain('Det finnes allerede en konto med denne e-postadressen');
      expect(await User.countDocuments({ email: 'felles@example.no' })).to.equal(1);
    });

    it('when the password is wrong or the address belongs to someone else, then no link is sent', async () => {
      const person = await makeAccount({ email: 'kari@example.no' });
      await makeAccount({ email: 'ola@example.no' });
      const agent = await signIn(t.app, person.email, PASSWORD);
      const wrong = await submitForm(agent, '/profile', { newEmail: 'kari@nytt.no', emailPassword: 'feil passord her' }, '/profile/email');
      expect(wrong.status).to.equal(400);
      expect(wrong.text).to.contain('value="kari@nytt.no"');
      const taken = await submitForm(agent, '/profile', { newEmail: 'ola@example.no', emailPassword: PASSWORD }, '/profile/email');
      expect(taken.status).to.equal(400);
      expect(taken.text).to.contain('Det finnes allerede en konto med denne e-postadressen');
      expect(await OutboxMessage.countDocuments({})).to.equal(0);
    });

    it('when an email-change link is used to choose a password, then it is refused', async () => {
      const person = await makeAccount({ email: 'kari@example.no' });
      const agent = await signIn(t.app, person.email, PASSWORD);
      await submitForm(agent, '/profile', { newEmail: 'kari@nytt.no', emailPassword: PASSWORD }, '/profile/email');
      const secret = confirmPath(await t.smtp.waitFor(to('kari@nytt.no', 'Bekreft ny e-postadresse'))).split('/').pop();
      expect((await newAgent(t.app).get(`/password/choose/${secret}`)).status).to.equal(404);
    });
  });

  it('when a person logs out everywhere, then every other session ends and this one stays', async () => {
    const person = await makeAccount({ email: 'kari@example.no' });
    const phone = await signIn(t.app, person.email, PASSWORD);
    const laptop = await signIn(t.app, person.email, PASSWORD);
    const response = await submitForm(laptop, '/profile', {}, '/profile/logout-everywhere');
    expect(response.status).to.equal(302);
    expect(await signedIn(laptop)).to.equal(true);
    expect(await signedIn(phone)).to.equal(false);
    expect(await signedIn(await signIn(t.app, person.email, PASSWORD))).to.equal(true);
  });
});
