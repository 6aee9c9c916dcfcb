import { expect } from 'chai';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { orgNumber } from '../support/fixtures.js';
import { newAgent, submitForm } from '../support/http.js';

const valid = (overrides: Record<string, string> = {}) => ({
  name: 'Kari Nordmann', email: 'kari@gardsbutikk.no', password: 'fjellet er blått i dag',
  companyName: 'Oppdal Gardsbutikk AS', orgNumber: orgNumber(1234), municipality: 'Oppdal',
  sector: 'food', employees: '4', website: 'gardsbutikk.no', acceptPrivacy: 'yes', ...overrides,
});

describe('accounts', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('register', () => {
    it('when the form is valid, then the owner, the company and a session exist', async () => {
      const agent = newAgent(t.app);
      const response = await submitForm(agent, '/register', valid());
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal('/dashboard');
      const dashboard = await agent.get('/dashboard').expect(200);
      expect(dashboard.text).to.contain('Hei, Kari Nordmann');
      const user = await User.findOne({ email: 'kari@gardsbutikk.no' }).lean();
      const company = await Company.findById(user!.companyId).lean();
      expect(company?.name).to.equal('Oppdal Gardsbutikk AS');
      expect(company?.website).to.equal('https://gardsbutikk.no');
      expect(user?.passwordHash).to.match(/^scrypt\$/);
    });

    it('when a field holds a NUL character, then registration succeeds and it is stored without it, on every backend', async () => {
      // PostgreSQL under FerretDB refuses a string with \u0000; SQLite and MongoDB would store it as sent.
      const response = await submitForm(newAgent(t.app), '/register', valid({ name: 'Kari\u0000 Nordmann', companyName: 'Oppdal\u0000 Gardsbutikk AS' }));
      expect(response.status).to.equal(302);
      const user = await User.findOne({ email: 'kari@gardsbutikk.no' }).lean();
      expect(user?.name).to.equal('Kari Nordmann');
      expect((await Company.findById(user!.companyId).lean())?.name).to.equal('Oppdal Gardsbutikk AS');
    });

    it('when the organisation number fails its check digit, then the form comes back with the reason and the values', async () => {
      const bad = orgNumber(1234).slice(0, 8) + String((Number(orgNumber(1234)[8]) + 1) % 10);
      const response = await submitForm(newAgent(t.app), '/register', valid({ orgNumber: bad }));
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Organisasjonsnummeret er ikke gyldig');
      expect(response.text).to.contain('aria-describedby="orgNumber-error');
      expect(response.text).to.contain('value="Oppdal Gardsbutikk AS"');
      expect(response.text).not.to.contain('fjellet er blått');
      expect(await Company.countDocuments()).to.equal(0);
    });

    it('when the email is already registered, then registration is refused', async () => {
      await submitForm(newAgent(t.app), '/register', valid());
      const response = await submitForm(newAgent(t.app), '/register', valid({ orgNumber: orgNumber(5555), companyName: 'Annen AS' }));
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Det finnes allerede en konto med denne e-postadressen');
      expect(await User.countDocuments()).to.equal(1);
      expect(await Company.countDocuments()).to.equal(1);
    });

    it('when the company is already registered, then the second owner is told to ask for an invitation', async () => {
      await submitForm(newAgent(t.app), '/register', valid());
      const response = await submitForm(newAgent(t.app), '/register', valid({ email: 'ola@gardsbutikk.no' }));
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Bedriften er allerede registrert');
    });

    it('when the password is weak, then registration is refused with the rule', async () => {
      const response = await submitForm(newAgent(t.app), '/register', valid({ password: 'kort' }));
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Passordet må ha minst 10 tegn');
      expect(await User.countDocuments()).to.equal(0);
    });

    it('when required fields are missing, then each gets its own message and nothing is stored', async () => {
      const response = await submitForm(newAgent(t.app), '/register', valid({ name: '', email: 'not-an-email', sector: '' }));
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('href="#name"');
      expect(response.text).to.contain('href="#email"');
      expect(response.text).to.contain('href="#sector"');
      expect(await Company.countDocuments()).to.equal(0);
    });

    it('when 20 people register the same company at once, then exactly one company and one owner exist', async () => {
      const attempts = Array.from({ length: 20 }, (_, i) =>
        submitForm(newAgent(t.app), '/register', valid({ email: `eier${i}@gardsbutikk.no` })));
      const responses = await Promise.all(attempts);
      expect(responses.filter((r) => r.status === 302)).to.have.length(1);
      expect(await Company.countDocuments()).to.equal(1);
      expect(await User.countDocuments()).to.equal(1);
    });
  });
});
