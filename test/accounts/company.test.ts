import { expect } from 'chai';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, orgNumber, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../support/http.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';

const DETAILS = { companyName: 'Fjellbakeriet AS', municipality: 'Oppdal', sector: 'food', employees: '7', website: 'fjellbakeriet.no' };

/** Presses a colleague's remove button on the company page. */
async function remove(agent: Agent, companyId: unknown, personId: unknown) {
  const token = csrfFrom((await agent.get(`/companies/${companyId}`)).text);
  return agent.post(`/companies/${companyId}/colleagues/${personId}/remove`).type('form').send({ _csrf: token });
}

describe('accounts: company page', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('edit details', () => {
    it('when a participant corrects an imported company, then its sector, employees, name, municipality and website are stored', async () => {
      const company = await Company.create({ name: 'FJELLBAKERIET', orgNumber: orgNumber(4242), municipality: 'oppdal', sector: 'other', employees: 0 });
      const owner = await makeAccount({ companyId: company._id });
      const agent = await signIn(t.app, owner.email, PASSWORD);
      const response = await submitForm(agent, '/company', DETAILS, `/companies/${company._id}/details`);
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal(`/companies/${company._id}`);
      const stored = await Company.findById(company._id).lean();
      expect(stored).to.include({ name: 'Fjellbakeriet AS', municipality: 'Oppdal', sector: 'food', employees: 7, website: 'https://fjellbakeriet.no' });
      const page = await agent.get(response.headers.location!).expect(200);
      expect(page.text).to.contain('Opplysningene om bedriften er lagret.');
      expect(page.text).to.match(/<option value="food" selected>/);
    });

    it('when every field is wrong, then each gets its own message, what was typed comes back, and nothing is stored', async () => {
      const company = await makeCompany({ name: 'Røros Gjestegård' });
      const owner = await makeAccount({ companyId: company._id });
      const agent = await signIn(t.app, owner.email, PASSWORD);
      const typed = { companyName: '  ', municipality: 'R'.repeat(101), sector: 'fishing', employees: 'tolv', website: 'ikke en adresse' };
      const response = await submitForm(agent, '/company', typed, `/companies/${company._id}/details`);
      expect(response.status).to.equal(400);
      for (const message of ['Fyll ut feltet.', 'Teksten er for lang.', 'Velg et av alternativene.', 'Skriv et helt tall.', 'Skriv en gyldig nettadresse']) {
        expect(response.text).to.contain(message);
      }
      expect(response.text).to.contain('value="tolv"');
      expect(response.text).to.contain('value="ikke en adresse"');
      expect(response.text).to.contain(`value="${'R'.repeat(101)}"`);
      for (const field of ['companyName', 'municipality', 'sector', 'employees', 'website']) {
        expect(response.text, field).to.contain(`id="${field}-error"`);
      }
      expect(await Company.findById(company._id).lean()).to.include({ name: 'Røros Gjestegård', sector: 'food', employees: 3 });
    });

    it('when an English reader leaves employees empty or writes a fraction, then the message is in English and the other fields keep what was typed', async () => {
      const company = await makeCompany();
      const owner = await makeAccount({ companyId: company._id, language: 'en' });
      const agent = await signIn(t.app, owner.email, PASSWORD);
      const expected = { '': 'Fill in this field.', '2.5': 'Enter a whole number.', '-1': 'Enter a whole number.' };
      for (const [employees, message] of Object.entries(expected)) {
        const response = await submitForm(agent, '/company', { ...DETAILS, employees }, `/companies/${company._id}/details`);
        expect(response.status, employees).to.equal(400);
        expect(response.text, employees).to.contain(message);
        expect(response.text).to.contain('value="Fjellbakeriet AS"');
      }
    });

    it('when a refused invitation re-renders the page, then the details form still shows what is stored', async () => {
      const company = await makeCompany({ name: 'Røros Gjestegård' });
      const owner = await makeAccount({ companyId: company._id });
      const agent = await signIn(t.app, owner.email, PASSWORD);
      const response = await submitForm(agent, '/company', { name: 'Kollega', email: 'ikke-en-adresse' }, `/companies/${company._id}/colleagues`);
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('value="Røros Gjestegård"');
      expect(response.text).to.contain('value="ikke-en-adresse"');
      expect(response.text).to.contain('Skriv en gyldig e-postadresse');
    });
  });

  describe('who may see and edit', () => {
    it('when someone outside the company asks, then the page and every form answer 404 and nothing changes; an admin may edit', async () => {
      const company = await makeCompany({ name: 'Røros Gjestegård' });
      const owner = await makeAccount({ companyId: company._id });
      const other = await makeCompany();
      const outsider = await signIn(t.app, (await makeAccount({ companyId: other._id })).email, PASSWORD);
      const trainer = await signIn(t.app, (await makeAccount({ roles: ['trainer'] })).email, PASSWORD);
      const token = csrfFrom((await outsider.get('/company')).text);
      for (const agent of [outsider, trainer]) {
        await agent.get(`/companies/${company._id}`).expect(404);
        const tok = agent === outsider ? token : csrfFrom((await agent.get('/profile')).text);
        await agent.post(`/companies/${company._id}/details`).type('form').send({ ...DETAILS, _csrf: tok }).expect(404);
        await agent.post(`/companies/${company._id}/colleagues`).type('form').send({ name: 'X', email: 'x@example.no', _csrf: tok }).expect(404);
        await agent.post(`/companies/${company._id}/colleagues/${owner._id}/remove`).type('form').send({ _csrf: tok }).expect(404);
      }
      await outsider.get('/companies/not-an-id').expect(404);
      expect(await Company.findById(company._id).lean()).to.include({ name: 'Røros Gjestegård' });
      expect(await User.exists({ email: 'x@example.no' })).to.equal(null);
      expect((await User.findById(owner._id).lean())!.companyId).to.deep.equal(company._id);

      const admin = await signIn(t.app, (await makeAccount({ roles: ['admin'] })).email, PASSWORD);
      const saved = await submitForm(admin, `/companies/${company._id}`, DETAILS, `/companies/${company._id}/details`);
      expect(saved.status).to.equal(302);
      expect(await Company.findById(company._id).lean()).to.include({ name: 'Fjellbakeriet AS' });
    });

    it('when a coordinator’s garden has the company enrolled, then they read the page without forms; another garden’s coordinator gets 404', async () => {
      const company = await makeCompany({ name: 'Røros Gjestegård' });
      const coordinator = await makeAccount({ roles: ['coordinator'] });
      const elsewhere = await makeAccount({ roles: ['coordinator'] });
      const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
      await makeGarden({ coordinatorIds: [elsewhere._id] });
      const cohort = await makeCohort({ gardenId: garden._id });
      await Enrolment.create({ cohortId: cohort._id, companyId: company._id, status: 'enrolled', participantIds: [] });
      const reader = await signIn(t.app, coordinator.email, PASSWORD);
      const page = await reader.get(`/companies/${company._id}`).expect(200);
      expect(page.text).to.contain('Røros Gjestegård');
      expect(page.text).to.contain('Bare bedriftens egne folk kan endre den.');
      expect(page.text).to.not.contain('/details"');
      const token = csrfFrom((await reader.get('/profile')).text);
      await reader.post(`/companies/${company._id}/details`).type('form').send({ ...DETAILS, _csrf: token }).expect(404);
      await (await signIn(t.app, elsewhere.email, PASSWORD)).get(`/companies/${company._id}`).expect(404);
    });
  });

  describe('remove a colleague', () => {
    it('when a participant removes a colleague, then the colleague leaves the company; the last person cannot be removed', async () => {
      const company = await makeCompany();
      const owner = await makeAccount({ companyId: company._id, name: 'Eier' });
      const colleague = await makeAccount({ companyId: company._id, name: 'Kollega Kari' });
      const agent = await signIn(t.app, owner.email, PASSWORD);
      const removed = await remove(agent, company._id, colleague._id);
      expect(removed.status).to.equal(302);
      expect((await User.findById(colleague._id).lean())!.companyId).to.equal(undefined);
      expect((await agent.get(removed.headers.location!)).text).to.contain('Kollega Kari er fjernet fra bedriften.');
      const last = await remove(agent, company._id, owner._id);
      expect(last.status).to.equal(409);
      expect(last.text).to.contain('Den siste personen i bedriften kan ikke fjernes.');
      expect((await User.findById(owner._id).lean())!.companyId).to.deep.equal(company._id);
      // Someone no longer in the company is not there to remove.
      await remove(agent, company._id, colleague._id).then((r) => expect(r.status).to.equal(404));
    });

    it('when two owners remove each other at the same moment, then exactly one of them stays, company after company', async function () {
      this.timeout(60_000);
      const rounds = await Promise.all(Array.from({ length: 6 }, async () => {
        const company = await makeCompany();
        const [a, b] = await Promise.all([makeAccount({ companyId: company._id }), makeAccount({ companyId: company._id })]);
        const [agentA, agentB] = await Promise.all([signIn(t.app, a.email, PASSWORD), signIn(t.app, b.email, PASSWORD)]);
        const [tokenA, tokenB] = await Promise.all([agentA, agentB].map(async (agent) => csrfFrom((await agent.get(`/companies/${company._id}`)).text)));
        return { company, a, b, agentA, agentB, tokenA, tokenB };
      }));
      const answers = await Promise.all(rounds.flatMap((r) => [
        r.agentA.post(`/companies/${r.company._id}/colleagues/${r.b._id}/remove`).type('form').send({ _csrf: r.tokenA }),
        r.agentB.post(`/companies/${r.company._id}/colleagues/${r.a._id}/remove`).type('form').send({ _csrf: r.tokenB }),
      ]));
      for (const [i, r] of rounds.entries()) {
        const left = await User.countDocuments({ companyId: r.company._id });
        expect(left, `company ${i}`).to.equal(1);
        const statuses = [answers[2 * i]!.status, answers[2 * i + 1]!.status].sort();
        // One removal stores; the other finds itself removing the last person (or, having been removed, not a member).
        expect(statuses[0], `company ${i}`).to.equal(302);
        expect([404, 409]).to.include(statuses[1]);
      }
    });

    it('when a participant removes themselves while a colleague stays, then they leave and no longer see the company', async () => {
      const company = await makeCompany();
      const owner = await makeAccount({ companyId: company._id });
      await makeAccount({ companyId: company._id });
      const agent = await signIn(t.app, owner.email, PASSWORD);
      const left = await remove(agent, company._id, owner._id);
      expect(left.status).to.equal(302);
      expect(left.headers.location).to.equal('/dashboard');
      await agent.get(`/companies/${company._id}`).expect(404);
    });
  });
});
