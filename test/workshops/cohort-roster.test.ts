import { expect } from 'chai';
import mongoose, { type Types } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { DomainEvents } from '../../src/shared/events.js';
import { Cohort } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn, type Agent } from '../support/http.js';
import { createCohortWithForm, makeGarden } from './fixtures.js';

describe('workshops', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  /** A published cohort of a signed-in coordinator, with a trainer. */
  async function publishedCohort() {
    const coordinator = await makeAccount({ email: 'koord@example.no', roles: ['coordinator'] });
    const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
    const trainer = await makeAccount({ email: 'trener@example.no', roles: ['trainer'] });
    const agent = await signIn(t.app, 'koord@example.no', PASSWORD);
    await createCohortWithForm(agent, {
      gardenId: String(garden._id), courseSlug: 'digital-strategy', title: 'Vårrekka', capacity: '3', participantsPerCompany: '2',
      minSessionsAttended: '5', enrolmentDeadline: '2099-03-01', startDate: '2027-03-11', room: 'Storsalen', trainerIds: String(trainer._id),
    });
    return { agent, garden, trainer, cohort: (await Cohort.findOne().lean())! };
  }

  /** Enrols `count` companies through the enrolment service, each with its owner as participant and contact. */
  async function enrolCompanies(cohortId: Types.ObjectId, count: number, from = 0) {
    const enrolment = createEnrolmentService({ events: new DomainEvents(), now: () => new Date() });
    const companies = [];
    for (let i = from; i < from + count; i += 1) {
      const company = await makeCompany({ name: `Bedrift ${String(i).padStart(2, '0')}` });
      const person = await makeAccount({ email: `eier${i}@example.no`, name: `Eier ${i}`, companyId: company._id });
      await company.updateOne({ contactName: `Eier ${i}`, contactEmail: `eier${i}@example.no` });
      await enrolment.enrolCompany({ cohortId, companyId: company._id, participantIds: [person._id], asCoordinator: true });
      companies.push(company);
    }
    return companies;
  }

  /** The commands the database is sent while `run` runs. */
  async function commandsDuring(run: () => Promise<unknown>): Promise<CommandStartedEvent[]> {
    const client = mongoose.connection.getClient();
    const seen: CommandStartedEvent[] = [];
    const listener = (event: CommandStartedEvent) => seen.push(event);
    client.on('commandStarted', listener);
    try {
      await run();
    } finally {
      client.off('commandStarted', listener);
    }
    return seen;
  }

  const findsOn = (events: CommandStartedEvent[], collection: string) =>
    events.filter((e) => e.commandName === 'find' && (e.command as { find?: string }).find === collection).map((e) => (e.command as { filter?: object }).filter ?? {});

  describe('compact roster', () => {
    it('when a coordinator opens the manage page, then each company is one row linking to its own page, where the actions are', async () => {
      const { agent, cohort } = await publishedCohort();
      const [first] = await enrolCompanies(cohort._id, 4);
      const manage = (await agent.get(`/cohorts/${cohort._id}/manage`).expect(200)).text;
      expect(manage).to.contain(`/cohorts/${cohort._id}/companies/${first!._id}`).and.contain('Eier 0').and.contain('eier0@example.no');
      expect(manage).to.contain('Påmeldt').and.contain('Venteliste nr. 1').and.contain('Oppmøte: 0 av 0');
      expect(manage).not.to.contain('/remove').and.not.to.contain('/move').and.not.to.contain('/invites');

      const page = await agent.get(`/cohorts/${cohort._id}/companies/${first!._id}`).expect(200);
      expect(page.text).to.contain('Bedrift 00').and.contain(`/enrolments/${first!._id}/invites`).and.contain(`/enrolments/${first!._id}/remove`);
      const removed = await agent.post(`/cohorts/${cohort._id}/enrolments/${first!._id}/remove`).type('form').send({ _csrf: csrfFrom(page.text), reason: 'Flyttet' });
      expect(removed.headers.location).to.equal(`/cohorts/${cohort._id}/manage`);
      expect(await Enrolment.exists({ companyId: first!._id })).to.equal(null);
      await agent.get(`/cohorts/${cohort._id}/companies/${first!._id}`).expect(404);
    });

    it('when the cohort has more companies, then the manage page costs at most one more lookup per company, by _id, and reads no whole collection of users or companies', async () => {
      const { agent, cohort } = await publishedCohort();
      await Cohort.updateOne({ _id: cohort._id }, { capacity: 20 });
      await enrolCompanies(cohort._id, 2);
      const few = await commandsDuring(() => agent.get(`/cohorts/${cohort._id}/manage`).expect(200));
      await enrolCompanies(cohort._id, 10, 2);
      const many = await commandsDuring(() => agent.get(`/cohorts/${cohort._id}/manage`).expect(200));
      expect(many.length - few.length).to.be.at.most(10);
      for (const filter of [...findsOn(many, 'companies'), ...findsOn(many, 'users')]) {
        // Only exact lookups by _id: an $in or any other filter reads the whole collection on FerretDB's SQLite backend.
        expect(Object.keys(filter)).to.deep.equal(['_id']);
        expect(String((filter as { _id: unknown })._id)).to.match(/^[0-9a-f]{24}$/);
      }
      expect(findsOn(many, 'companies')).to.have.length(12);
    });
  });

  describe('who may see a company in a cohort', () => {
    async function refused(agent: Agent, cohortId: string, companyId: string) {
      const token = csrfFrom((await agent.get('/dashboard').expect(200)).text);
      const statuses = [
        (await agent.get(`/cohorts/${cohortId}/companies/${companyId}`)).status,
        (await agent.get(`/cohorts/${cohortId}/terms`)).status,
        (await agent.post(`/cohorts/${cohortId}/enrolments/${companyId}/remove`).type('form').send({ _csrf: token, reason: 'x' })).status,
        (await agent.post(`/cohorts/${cohortId}/enrolments/${companyId}/move`).type('form').send({ _csrf: token, targetCohortId: cohortId, reason: 'x' })).status,
      ];
      return statuses;
    }

    it('when the cohort\'s trainer, a participant or another garden\'s coordinator asks, then 403 and nothing changes', async () => {
      const { cohort } = await publishedCohort();
      const [company] = await enrolCompanies(cohort._id, 1);
      await makeAccount({ email: 'annen@example.no', roles: ['coordinator'] });
      for (const email of ['trener@example.no', 'eier0@example.no', 'annen@example.no']) {
        expect(await refused(await signIn(t.app, email, PASSWORD), String(cohort._id), String(company!._id)), email).to.deep.equal([403, 403, 403, 403]);
      }
      expect(await Enrolment.countDocuments()).to.equal(1);
    });

    it('when the company is not in the cohort or the id is not one, then 404', async () => {
      const { agent, cohort } = await publishedCohort();
      const stranger = await makeCompany();
      await agent.get(`/cohorts/${cohort._id}/companies/${stranger._id}`).expect(404);
      await agent.get(`/cohorts/${cohort._id}/companies/ikke-en-id`).expect(404);
    });
  });
});
