import { expect } from 'chai';
import { rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn, submitForm } from '../support/http.js';
import { createCohortWithForm, makeGarden } from './fixtures.js';

describe('workshops', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  async function coordinatorWithGarden() {
    const coordinator = await makeAccount({ email: 'koord@example.no', roles: ['coordinator'], name: 'Kari Koordinator' });
    const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
    const trainer = await makeAccount({ roles: ['trainer'], name: 'Trond Trener' });
    return { coordinator, garden, trainer, agent: await signIn(t.app, 'koord@example.no', PASSWORD) };
  }

  const form = (gardenId: string, trainerId: string, overrides: Record<string, string> = {}) => ({
    gardenId, courseSlug: 'digital-strategy', title: 'Digital strategi våren 2027', capacity: '20', participantsPerCompany: '2',
    minSessionsAttended: '5', enrolmentDeadline: '2099-03-01', startDate: '2027-03-11', startTime: '16:00', endTime: '19:00',
    room: 'Storsalen', trainerIds: trainerId, ...overrides,
  });

  /** An owner of a company with no enrolment, signed in. */
  async function owner() {
    const company = await makeCompany();
    await makeAccount({ email: 'eier@example.no', companyId: company._id });
    return { company, agent: await signIn(t.app, 'eier@example.no', PASSWORD) };
  }

  describe('new cohort preview', () => {
    it('when a coordinator previews the dates, then the six afternoons and the skipped holiday are shown and nothing is stored', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      const response = await submitForm(agent, `/cohorts/new?garden=${garden._id}`, { ...form(String(garden._id), String(trainer._id)), intent: 'preview' }, '/cohorts');
      expect(response.status).to.equal(200);
      for (const day of ['torsdag 11. mars 2027', 'torsdag 18. mars 2027', 'torsdag 1. april 2027', 'torsdag 22. april 2027']) expect(response.text).to.contain(day);
      expect(response.text).not.to.contain('torsdag 25. mars 2027');
      expect(response.text).to.contain('<li>25. mars 2027 (Skjærtorsdag)</li>');
      expect(response.text).to.contain('name="previewed"').and.contain('Opprett kursrekken');
      expect(await Cohort.countDocuments()).to.equal(0);
    });

    it('when the start date is changed after the preview and Create is pressed, then the new dates are previewed and nothing is stored', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      const fields = form(String(garden._id), String(trainer._id));
      const preview = await submitForm(agent, `/cohorts/new?garden=${garden._id}`, { ...fields, intent: 'preview' }, '/cohorts');
      const previewed = /name="previewed" value="([^"]*)"/.exec(preview.text)![1]!;
      const response = await agent.post('/cohorts').type('form').send({ ...fields, startDate: '2027-03-18', intent: 'create', previewed, _csrf: csrfFrom(preview.text) });
      expect(response.status).to.equal(200);
      expect(response.text).to.contain('Datoene eller tidene ble endret').and.contain('torsdag 29. april 2027');
      expect(await Cohort.countDocuments()).to.equal(0);
    });

    it('when the form comes back with an error, then every field is kept, the ticked trainer included', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      const response = await submitForm(agent, `/cohorts/new?garden=${garden._id}`, { ...form(String(garden._id), String(trainer._id), { capacity: 'mange', title: 'Vårens rekke' }), intent: 'preview' }, '/cohorts');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('value="Vårens rekke"').and.contain('value="2027-03-11"').and.contain('value="mange"');
      expect(response.text).to.match(new RegExp(`value="${trainer._id}"\\s+checked`));
    });

    it('when the new-cohort form opens, then it proposes a weekday that is not a holiday', async () => {
      const { garden, agent } = await coordinatorWithGarden();
      const page = await agent.get(`/cohorts/new?garden=${garden._id}`).expect(200);
      const start = /id="startDate" name="startDate" type="date" value="([^"]+)"/.exec(page.text)![1]!;
      const day = new Date(`${start}T12:00:00Z`).getUTCDay();
      expect(day).to.be.within(1, 5);
      expect(page.text).not.to.contain('Opprett kursrekken');
    });
  });

  describe('drafts', () => {
    it('when a cohort is created, then it is a draft: not listed, 404 to others, not enrolable, in no calendar; once published, all of them', async () => {
      const { garden, trainer, agent, coordinator } = await coordinatorWithGarden();
      const created = await createCohortWithForm(agent, form(String(garden._id), String(trainer._id)), { publish: false });
      const cohort = (await Cohort.findOne().lean())!;
      expect(cohort.draft).to.equal(true);
      const company = await owner();
      const anonymous = newAgent(t.app);
      const gardenFeed = await rotateFeedToken(coordinator._id, 'garden', garden._id);

      expect((await anonymous.get('/workshops').expect(200)).text).not.to.contain('Digital strategi våren 2027');
      await anonymous.get(`/workshops/${cohort._id}`).expect(404);
      await company.agent.get(`/workshops/${cohort._id}`).expect(404);
      const token = csrfFrom((await company.agent.get('/dashboard').expect(200)).text);
      await company.agent.post(`/workshops/${cohort._id}/enrol`).type('form').send({ _csrf: token }).expect(404);
      await anonymous.get(`/workshops/${cohort._id}/calendar.ics`).expect(404);
      expect((await anonymous.get(gardenFeed).expect(200)).text).not.to.contain('BEGIN:VEVENT');
      // Its staff see the page, marked as a draft, without an enrol button.
      const staffView = (await agent.get(`/workshops/${cohort._id}`).expect(200)).text;
      expect(staffView).to.contain('Dette er et utkast').and.not.contain('Meld på bedriften');
      // The coordinator is told to publish first rather than enrolling into a draft.
      const manage = await agent.get(created.headers.location!).expect(200);
      expect(manage.text).to.contain('Utkast – ikke publisert');
      await agent.post(`/cohorts/${cohort._id}/enrolments`).type('form').send({ _csrf: csrfFrom(manage.text), orgNumber: company.company.orgNumber }).expect(302);
      expect((await agent.get(`/cohorts/${cohort._id}/manage`)).text).to.contain('Publiser den før du melder på bedrifter.');
      expect(await Enrolment.countDocuments()).to.equal(0);

      await agent.post(`/cohorts/${cohort._id}/publish`).type('form').send({ _csrf: csrfFrom(manage.text) }).expect(302);
      expect((await Cohort.findById(cohort._id).lean())!.draft).to.equal(undefined);
      expect((await anonymous.get('/workshops').expect(200)).text).to.contain('Digital strategi våren 2027');
      await anonymous.get(`/workshops/${cohort._id}/calendar.ics`).expect(200);
      expect((await anonymous.get(gardenFeed).expect(200)).text).to.contain('BEGIN:VEVENT');
      await company.agent.post(`/workshops/${cohort._id}/enrol`).type('form').send({ _csrf: token }).expect(302);
      expect(await Enrolment.countDocuments({ status: 'enrolled' })).to.equal(1);
    });

    it('when a cohort is created and published before any page is shown, then the next page shows both messages, the skipped holiday included', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      // Created, then published straight away: two posts that redirect, with no page in between.
      const created = await createCohortWithForm(agent, form(String(garden._id), String(trainer._id)));
      const manage = await agent.get(created.headers.location!).expect(200);
      expect(manage.text).to.contain('25. mars 2027 (Skjærtorsdag)').and.contain('Kursrekken er publisert.');
      // Shown once: the page after it has neither.
      expect((await agent.get(created.headers.location!).expect(200)).text).not.to.contain('Kursrekken er publisert.');
    });

    it('when a cohort stored before drafts existed has no draft field, then it counts as published', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, form(String(garden._id), String(trainer._id)), { publish: false });
      await Cohort.collection.updateOne({}, { $unset: { draft: '' } });
      expect((await newAgent(t.app).get('/workshops').expect(200)).text).to.contain('Digital strategi våren 2027');
    });

    it('when a trainer or a participant tries to publish, then 403 and it stays a draft', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, form(String(garden._id), String(trainer._id)), { publish: false });
      const cohort = (await Cohort.findOne().lean())!;
      await makeAccount({ email: 'p@example.no' });
      for (const email of [trainer.email, 'p@example.no']) {
        const other = await signIn(t.app, email, PASSWORD);
        const token = csrfFrom((await other.get('/dashboard').expect(200)).text);
        await other.post(`/cohorts/${cohort._id}/publish`).type('form').send({ _csrf: token }).expect(403);
      }
      expect((await Cohort.findById(cohort._id).lean())!.draft).to.equal(true);
    });
  });

  describe('moving a session onto a public holiday', () => {
    it('when a session is moved onto a holiday, then the coordinator is asked first with what they typed, and it moves once confirmed', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, form(String(garden._id), String(trainer._id)));
      const cohort = (await Cohort.findOne().lean())!;
      const sessions = await WorkshopSession.find().sort({ position: 1 }).lean();
      const page = await agent.get(`/cohorts/${cohort._id}/manage`).expect(200);
      const dates = ['2027-03-11', '2027-03-18', '2027-04-01', '2027-04-08', '2027-04-15', '2027-05-17'];
      const fields = {
        _csrf: csrfFrom(page.text), reason: 'Kursholder på reise',
        sessionId: sessions.map((s) => String(s._id)), date: dates, start: sessions.map(() => '16:00'), end: sessions.map(() => '19:00'), room: sessions.map(() => 'Storsalen'),
      };
      const asked = await agent.post(`/cohorts/${cohort._id}/sessions`).type('form').send(fields);
      expect(asked.status).to.equal(409);
      expect(asked.text).to.contain('Samling 6: 17. mai 2027 (Grunnlovsdag / Andre pinsedag)').and.contain('value="2027-05-17"').and.contain('value="Kursholder på reise"');
      expect((await WorkshopSession.findById(sessions[5]!._id).lean())!.status).to.equal('scheduled');

      const confirmed = await agent.post(`/cohorts/${cohort._id}/sessions`).type('form').send({ ...fields, _csrf: csrfFrom(asked.text), onHolidays: 'yes' });
      expect(confirmed.status).to.equal(302);
      const moved = (await WorkshopSession.findById(sessions[5]!._id).lean())!;
      expect(moved.status).to.equal('moved');
      expect(moved.startsAt.toISOString()).to.equal('2027-05-17T14:00:00.000Z');
    });
  });
});
