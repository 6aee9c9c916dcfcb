import { expect } from 'chai';
import mongoose from 'mongoose';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { createErasureService } from '../../src/privacy/erasure.service.js';
import { ErasureRequest } from '../../src/privacy/erasure.model.js';
import { databaseSessionStore } from '../../src/shared/http/session.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent } from '../support/http.js';
import { agentFor } from '../strategies/fixtures.js';
import { COMPANY, EMAIL, findAnywhere, funnel, NAME, personWithEveryRecord } from './support.js';

type World = Awaited<ReturnType<typeof personWithEveryRecord>>;

/** What must be gone after Ragnhild's erasure: her name, address and id, and her company's name, number and id. */
const traces = (w: World) => [NAME, EMAIL, String(w.person._id), COMPANY, w.company.orgNumber, String(w.company._id)];

async function deleteAccount(t: TestApp, w: World, password = PASSWORD) {
  const agent = await agentFor(t.app, w.person);
  const page = await agent.get('/profile/delete').expect(200);
  return { agent, response: await agent.post('/profile/delete').type('form').send({ password, _csrf: csrfFrom(page.text) }) };
}

describe('privacy: a person\'s own data', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('export', () => {
    it('when a person downloads their data, then the JSON holds every kind of record the app keeps about them', async () => {
      const w = await personWithEveryRecord();
      const agent = await agentFor(t.app, w.person);
      const response = await agent.get('/profile/data.json').expect(200).expect('content-type', /json/);
      expect(response.headers['content-disposition']).to.match(/^attachment; filename="?digital-afternoons-\d{4}-\d\d-\d\d\.json"?$/);
      const { person, sections: s } = JSON.parse(response.text);
      expect(person).to.deep.equal({ id: String(w.person._id), name: NAME, email: EMAIL });
      expect(s.accounts.profile.email).to.equal(EMAIL);
      expect(s.accounts.company.orgNumber).to.equal(w.company.orgNumber);
      expect(s.accounts.links.map((l: { purpose: string }) => l.purpose)).to.deep.equal(['reset']);
      expect(s.workshops.enrolments).to.have.length(1);
      expect(s.workshops.enrolments[0]).to.include({ cohort: w.cohort.title, status: 'enrolled', youAreListed: true });
      expect(s.attendance.marks.map((m: { status: string }) => m.status).sort()).to.deep.equal(['late', 'present', 'present', 'present', 'present']);
      expect(s.attendance.changes).to.have.length(1);
      expect(s.courses.modulesDone).to.deep.include.members([{ course: 'digital-strategy', module: 'digital-opportunities', at: s.courses.modulesDone[0].at }]);
      expect(s.courses.courseEnrolments[0]).to.include({ course: 'digital-strategy', enrolledByYou: true });
      const [strategy] = s.strategies.strategies;
      expect(strategy.status).to.equal('approved');
      expect(strategy.versions[0].content['current-situation'].customers).to.equal('Rørleggerkunder i Oppdal');
      expect(strategy.statusChanges[0]).to.include({ from: 'submitted', to: 'approved', byYou: false });
      expect(strategy.comments[0]).to.include({ text: 'Godt beskrevet kundegrunnlag.' });
      expect(strategy.assessments[0]).to.include({ stage: 'T0', overall: 42, byYou: true });
      expect(s.mail.emails.map((e: { text: string }) => e.text)).to.deep.equal([`Hei ${NAME}, velkommen til kurset.`]);
      expect(s.materials.uploads[0]).to.include({ title: 'Tilbudsmal', contentType: 'application/pdf' });
      expect(s.calendar.feeds[0]).to.include({ scope: 'person' });
      expect(s.imports.importedLines[0]).to.include({ personName: NAME, email: EMAIL, line: 2 });
    });

    it('when a person opens their data page, then it shows the same records, readable and printable', async () => {
      const w = await personWithEveryRecord();
      const page = await (await agentFor(t.app, w.person)).get('/profile/data').expect(200);
      for (const text of [NAME, COMPANY, w.cohort.title, 'Godt beskrevet kundegrunnlag.', 'Rørleggerkunder i Oppdal', 'Tilbudsmal', 'Oppmøte', 'Last ned som JSON']) {
        expect(page.text).to.contain(text);
      }
    });
  });

  describe('erasure', () => {
    it('when the last person of a company deletes their account, then no collection holds their data and the programme\'s figures stay', async () => {
      const w = await personWithEveryRecord();
      const before = await funnel(w.cohort);
      expect(before).to.deep.equal({ enrolled: 2, represented: [0, 5], attendedAny: 1, strategiesApproved: 1, completed: 1 });
      expect(await findAnywhere(traces(w))).to.have.length.greaterThan(10);

      const { agent, response } = await deleteAccount(t, w);
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal('/profile/deleted');

      expect(await findAnywhere(traces(w))).to.deep.equal([]);
      expect(await funnel(w.cohort)).to.deep.equal(before);
      // Everyone else is as they were.
      expect(await User.exists({ _id: w.colleague._id })).to.not.equal(null);
      expect(await Company.exists({ _id: w.company._id })).to.equal(null);
      expect(await ErasureRequest.countDocuments()).to.equal(0);
      // Signed out: the old session no longer opens the profile.
      const profile = await agent.get('/profile');
      expect(profile.status).to.equal(302);
      expect(profile.headers.location).to.match(/^\/login/);
    });

    it('when a person with a colleague deletes their account, then they leave the company and the company stays with the colleague', async () => {
      const w = await personWithEveryRecord();
      const colleague = await makeAccount({ companyId: w.company._id, name: 'Kollega Kollegasen' });
      const page = await (await agentFor(t.app, w.person)).get('/profile/delete').expect(200);
      expect(page.text).to.contain('Du har én kollega i bedriften');
      const before = await funnel(w.cohort);
      const { response } = await deleteAccount(t, w);
      expect(response.status).to.equal(302);
      expect(await findAnywhere([NAME, EMAIL, String(w.person._id)])).to.deep.equal([]);
      expect(await funnel(w.cohort)).to.deep.equal(before);
      const company = await Company.findById(w.company._id).lean();
      expect(company).to.include({ name: COMPANY });
      expect(company?.contactEmail).to.equal(undefined);
      expect(await User.exists({ _id: colleague._id })).to.not.equal(null);
    });

    it('when two erasures of one person run at once, then it completes once', async () => {
      const w = await personWithEveryRecord();
      const before = await funnel(w.cohort);
      const service = createErasureService({ sessions: databaseSessionStore(mongoose.connection.getClient(), t.dbName), now: () => new Date() });
      const results = await Promise.allSettled([service.erase(String(w.person._id)), service.erase(String(w.person._id))]);
      const finished = results.filter((r) => r.status === 'fulfilled' && r.value.finished);
      expect(finished, JSON.stringify(results)).to.have.length(1);
      expect(await Company.countDocuments({ name: 'Slettet bedrift' })).to.equal(1);
      expect(await findAnywhere(traces(w))).to.deep.equal([]);
      expect(await funnel(w.cohort)).to.deep.equal(before);
    });

    it('when an erasure stops after its first step, then the start-up sweep finishes it, once', async () => {
      const w = await personWithEveryRecord();
      const before = await funnel(w.cohort);
      const sessions = databaseSessionStore(mongoose.connection.getClient(), t.dbName);
      const crashing = createErasureService({ sessions, now: () => new Date(), afterStep: () => { throw new Error('the process stops here'); } });
      await crashing.erase(String(w.person._id)).then(() => expect.fail('the erasure should have stopped'), (error: Error) => expect(error.message).to.equal('the process stops here'));
      const left = await ErasureRequest.findById(String(w.person._id)).lean();
      expect(left?.remaining).to.include('accounts');
      expect(await User.exists({ _id: w.person._id })).to.not.equal(null);

      const restarted = createErasureService({ sessions, now: () => new Date() });
      expect(await restarted.finishUnfinished()).to.equal(1);
      expect(await restarted.finishUnfinished()).to.equal(0);
      expect(await Company.countDocuments({ name: 'Slettet bedrift' })).to.equal(1);
      expect(await findAnywhere(traces(w))).to.deep.equal([]);
      expect(await funnel(w.cohort)).to.deep.equal(before);
    });
  });

  describe('refusals', () => {
    it('when someone else asks for a person\'s data by their id, then there is no such page and only their own data is given', async () => {
      const w = await personWithEveryRecord();
      const other = await agentFor(t.app, w.colleague);
      await other.get(`/profile/data/${w.person._id}`).expect(404);
      await other.get(`/profile/data.json/${w.person._id}`).expect(404);
      const own = await other.get(`/profile/data.json?personId=${w.person._id}`).expect(200);
      expect(own.text).to.not.contain(EMAIL).and.not.contain(String(w.person._id));
      const visitor = await newAgent(t.app).get('/profile/data.json');
      expect(visitor.status).to.equal(302);
      expect(visitor.headers.location).to.match(/^\/login/);
    });

    it('when the form lacks its CSRF token or the password is wrong, then everything is kept', async () => {
      const w = await personWithEveryRecord();
      const agent = await agentFor(t.app, w.person);
      await agent.post('/profile/delete').type('form').send({ password: PASSWORD }).expect(403);
      const { response } = await deleteAccount(t, w, 'feil passord');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Passordet stemmer ikke.');
      // Someone else's session with the person's password erases nobody: the password is checked against the signed-in account.
      const other = await agentFor(t.app, w.colleague);
      const page = await other.get('/profile/delete').expect(200);
      await other.post('/profile/delete').type('form').send({ password: 'feil passord', personId: String(w.person._id), _csrf: csrfFrom(page.text) }).expect(400);
      expect(await User.exists({ _id: w.person._id })).to.not.equal(null);
      expect(await User.exists({ _id: w.colleague._id })).to.not.equal(null);
      expect(await ErasureRequest.countDocuments()).to.equal(0);
      expect(await findAnywhere([EMAIL])).to.have.members(['users: ' + EMAIL, 'companies: ' + EMAIL, 'outboxmessages: ' + EMAIL, 'importrows: ' + EMAIL]);
    });

    it('when a trainer who still teaches a cohort deletes their account, then it is refused with what to do', async () => {
      const w = await personWithEveryRecord();
      const page = await (await agentFor(t.app, w.trainer)).get('/profile/delete').expect(200);
      expect(page.text).to.contain('Be en administrator overføre dem').and.not.contain('name="password"');
      const service = createErasureService({ sessions: databaseSessionStore(mongoose.connection.getClient(), t.dbName), now: () => new Date() });
      await service.erase(String(w.trainer._id)).then(() => expect.fail('refused'), (error: Error) => expect(error.message).to.equal('privacy.erase.stillStaff'));
      expect(await User.exists({ _id: w.trainer._id })).to.not.equal(null);
    });
  });
});
