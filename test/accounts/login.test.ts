import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn, submitForm } from '../support/http.js';

describe('accounts', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  describe('login', () => {
    beforeEach(async () => { t = await startTestApp(); });

    it('when the password is right, then the user reaches the page they asked for', async () => {
      await makeAccount({ email: 'ola@example.no', name: 'Ola' });
      const agent = newAgent(t.app);
      const login = await agent.get('/dashboard').expect(302);
      expect(login.headers.location).to.equal('/login?next=%2Fdashboard');
      const page = await agent.get(login.headers.location!).expect(200);
      const response = await agent.post('/login').type('form')
        .send({ email: 'OLA@example.no ', password: PASSWORD, next: '/dashboard', _csrf: csrfFrom(page.text) });
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal('/dashboard');
      expect((await agent.get('/dashboard').expect(200)).text).to.contain('Hei, Ola');
    });

    it('when the password is wrong or the email unknown, then the same generic message is shown', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const wrongPassword = await submitForm(newAgent(t.app), '/login', { email: 'ola@example.no', password: 'feil passord her' });
      const unknownEmail = await submitForm(newAgent(t.app), '/login', { email: 'nobody@example.no', password: PASSWORD });
      for (const response of [wrongPassword, unknownEmail]) {
        expect(response.status).to.equal(401);
        expect(response.text).to.contain('Feil e-post eller passord.');
        expect(response.text).to.contain('value="');
      }
    });

    it('when "next" points to another site, then login goes to the dashboard instead', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const response = await submitForm(newAgent(t.app), '/login', { email: 'ola@example.no', password: PASSWORD, next: '//evil.example/' });
      expect(response.headers.location).to.equal('/dashboard');
    });

    it('when a filter object is smuggled in as the email, then nobody is signed in', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const agent = newAgent(t.app);
      const page = await agent.get('/login');
      const response = await agent.post('/login').send({ email: { $ne: '' }, password: PASSWORD, _csrf: csrfFrom(page.text) });
      expect(response.status).to.be.oneOf([400, 401, 403]);
      expect((await agent.get('/dashboard')).status).to.equal(302);
    });

    it('when the login form arrives as JSON with its token, then it is refused as an incomplete form (400), not a server error', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const agent = newAgent(t.app);
      const token = csrfFrom((await agent.get('/login')).text);
      // A script posting JSON: the app reads only forms, so nothing of the body is seen, not even an email.
      const response = await agent.post(`/login?_csrf=${encodeURIComponent(token)}`).send({ email: 'ola@example.no', password: PASSWORD });
      expect(response.status).to.equal(400);
      expect(response.text).to.include('name="email"');
      expect((await agent.get('/dashboard')).status).to.equal(302);
    });

    it('when a signed-in person opens login or registration, then they are sent on instead of shown the forms', async () => {
      await makeAccount({ email: 'inne@example.no' });
      const agent = await signIn(t.app, 'inne@example.no', PASSWORD);
      expect((await agent.get('/login').expect(302)).headers.location).to.equal('/dashboard');
      expect((await agent.get('/login?next=%2Fstrategy').expect(302)).headers.location).to.equal('/strategy');
      expect((await agent.get('/register').expect(302)).headers.location).to.equal('/dashboard');
    });

    it('when the user logs out, then the dashboard sends them to login again', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const agent = await signIn(t.app, 'ola@example.no', PASSWORD);
      const dashboard = await agent.get('/dashboard').expect(200);
      await agent.post('/logout').type('form').send({ _csrf: csrfFrom(dashboard.text) }).expect(302);
      expect((await agent.get('/dashboard')).status).to.equal(302);
    });
  });

  describe('login flood', () => {
    beforeEach(async () => { t = await startTestApp({ LOGIN_RATE_LIMIT: '5' }); });

    it('when one client tries to log in too often, then it gets 429 with an explanation', async () => {
      const agent = newAgent(t.app);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const response = await submitForm(agent, '/login', { email: 'x@example.no', password: `gjetning ${i}` });
        statuses.push(response.status);
        if (response.status === 429) expect(response.text).to.contain('For mange innloggingsforsøk');
      }
      expect(statuses.slice(0, 5)).to.deep.equal([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).to.deep.equal([429, 429]);
    });

    it('when 30 participants of a workshop room log in from one address, then every one gets in', async () => {
      const company = await makeCompany();
      const people = await Promise.all(Array.from({ length: 30 }, (_, i) => makeAccount({ email: `deltaker-${i}@example.no`, companyId: company._id })));
      const statuses: number[] = [];
      for (let i = 0; i < people.length; i += 10) {
        const batch = await Promise.all(people.slice(i, i + 10).map((p) => submitForm(newAgent(t.app), '/login', { email: p.email, password: PASSWORD })));
        statuses.push(...batch.map((r) => r.status));
      }
      expect(statuses).to.deep.equal(people.map(() => 302));
    });

    it('when one account is locked by wrong guesses, then a colleague in the same room still logs in, and the account itself waits', async () => {
      const company = await makeCompany();
      const locked = await makeAccount({ email: 'laast@example.no', companyId: company._id });
      const colleague = await makeAccount({ email: 'kollega@example.no', companyId: company._id });
      for (let i = 0; i < 5; i += 1) await submitForm(newAgent(t.app), '/login', { email: locked.email, password: `feil ${i}` });
      const refused = await submitForm(newAgent(t.app), '/login', { email: ' LAAST@example.no', password: PASSWORD });
      expect(refused.status).to.equal(429);
      expect(Number(refused.headers['retry-after'])).to.be.within(1, 15 * 60);
      expect((await submitForm(newAgent(t.app), '/login', { email: colleague.email, password: PASSWORD })).status).to.equal(302);
    });

    it('when one address fails five times the account limit across many accounts, then it must wait too', async () => {
      const company = await makeCompany();
      const honest = await makeAccount({ email: 'aerlig@example.no', companyId: company._id });
      // Existing accounts, so each guess is checked against a (fixture-cheap) hash rather than the full-cost decoy.
      const guessed = await Promise.all(Array.from({ length: 25 }, (_, i) => makeAccount({ email: `gjett-${i}@example.no`, companyId: company._id })));
      for (const account of guessed) {
        expect((await submitForm(newAgent(t.app), '/login', { email: account.email, password: 'feil' })).status).to.equal(401);
      }
      expect((await submitForm(newAgent(t.app), '/login', { email: honest.email, password: PASSWORD })).status).to.equal(429);
    });
  });
});
