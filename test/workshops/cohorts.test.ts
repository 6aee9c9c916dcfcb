import { expect } from 'chai';
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

  async function coordinatorWithGarden(email = 'koord@example.no') {
    const coordinator = await makeAccount({ email, roles: ['coordinator'], name: 'Kari Koordinator' });
    const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
    const trainer = await makeAccount({ roles: ['trainer'], name: 'Trond Trener' });
    return { coordinator, garden, trainer, agent: await signIn(t.app, email, PASSWORD) };
  }

  /** A coordinator's cohort with the given deadline, and a signed-in owner of a company not yet enrolled. */
  async function openCohortWithOwner(enrolmentDeadline: string) {
    const { garden, trainer, agent } = await coordinatorWithGarden();
    await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id), { enrolmentDeadline }));
    const cohort = await Cohort.findOne().lean();
    const company = await makeCompany();
    await makeAccount({ email: 'eier@example.no', companyId: company._id });
    return { garden, trainer, agent, cohort, owner: await signIn(t.app, 'eier@example.no', PASSWORD) };
  }

  const cohortForm = (gardenId: string, trainerId: string, overrides: Record<string, string> = {}) => ({
    gardenId, courseSlug: 'digital-strategy', title: 'Digital strategi våren 2027', capacity: '20', participantsPerCompany: '2',
    minSessionsAttended: '5', enrolmentDeadline: '2027-03-01', startDate: '2027-03-11', startTime: '16:00', endTime: '19:00',
    room: 'Storsalen', trainerIds: trainerId, ...overrides,
  });

  describe('create cohort', () => {
    it('when a coordinator creates a cohort, then six sessions are proposed weekly, skipping Easter', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      const response = await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id)), { publish: false });
      expect(response.status).to.equal(302);
      const cohort = await Cohort.findOne({ gardenId: garden._id }).lean();
      const sessions = await WorkshopSession.find({ cohortId: cohort!._id }).sort({ position: 1 }).lean();
      expect(sessions.map((s) => s.startsAt.toISOString())).to.deep.equal([
        '2027-03-11T15:00:00.000Z', '2027-03-18T15:00:00.000Z', '2027-04-01T14:00:00.000Z',
        '2027-04-08T14:00:00.000Z', '2027-04-15T14:00:00.000Z', '2027-04-22T14:00:00.000Z',
      ]);
      expect(sessions.map((s) => s.moduleSlug)[0]).to.equal('digital-opportunities');
      const manage = await agent.get(response.headers.location!).expect(200);
      expect(manage.text).to.contain('Hoppet over helligdager: 25. mars 2027 (Skjærtorsdag).');
    });

    it('when the room is already booked at the same time, then creation is refused naming the clash', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id)));
      const other = await makeAccount({ roles: ['trainer'] });
      const response = await submitForm(agent, `/cohorts/new?garden=${garden._id}`,
        cohortForm(String(garden._id), String(other._id), { title: 'Andre kurs', startDate: '2027-03-18', startTime: '18:00', endTime: '20:00' }), '/cohorts');
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Rommet «Storsalen» er allerede booket av «Digital strategi våren 2027» 18.03.2027 16:00–19:00');
      expect(response.text).to.contain('value="Andre kurs"');
      expect(await Cohort.countDocuments()).to.equal(1);
    });

    it('when the trainer already teaches at that time elsewhere, then creation is refused naming the trainer', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id)));
      const response = await submitForm(agent, `/cohorts/new?garden=${garden._id}`,
        cohortForm(String(garden._id), String(trainer._id), { title: 'Kveldskurs', room: 'Møterom 2', startDate: '2027-04-01', startTime: '17:00' }), '/cohorts');
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Trond Trener underviser allerede i «Digital strategi våren 2027»');
    });

    it('when a coordinator of another garden tries to create a cohort or open its management page, then 403', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id)));
      const cohort = await Cohort.findOne().lean();
      const outsider = await makeAccount({ email: 'annen@example.no', roles: ['coordinator'] });
      await makeGarden({ coordinatorIds: [outsider._id] });
      const other = await signIn(t.app, 'annen@example.no', PASSWORD);
      expect((await other.get(`/cohorts/${cohort!._id}/manage`)).status).to.equal(403);
      expect((await other.get(`/cohorts/new?garden=${garden._id}`)).status).to.equal(403);
      const token = csrfFrom((await other.get('/dashboard')).text);
      const post = await other.post(`/cohorts/${cohort!._id}/sessions/${(await WorkshopSession.findOne().lean())!._id}/cancel`).type('form').send({ _csrf: token, reason: 'sabotasje' });
      expect(post.status).to.equal(403);
      expect(await WorkshopSession.countDocuments({ status: 'cancelled' })).to.equal(0);
    });

    it('when a participant opens a coordinator page, then 403', async () => {
      await makeAccount({ email: 'p@example.no' });
      const agent = await signIn(t.app, 'p@example.no', PASSWORD);
      expect((await agent.get('/gardens')).status).to.equal(403);
    });
  });

  describe('reschedule', () => {
    it('when a session is moved, then it is marked moved, its sequence rises and the public page shows the reason', async () => {
      const { garden, trainer, agent } = await coordinatorWithGarden();
      await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id)));
      const cohort = await Cohort.findOne().lean();
      const sessions = await WorkshopSession.find().sort({ position: 1 }).lean();
      const page = await agent.get(`/cohorts/${cohort!._id}/manage`).expect(200);
      const dates = ['2027-03-11', '2027-03-18', '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-23'];
      const response = await agent.post(`/cohorts/${cohort!._id}/sessions`).type('form').send({
        _csrf: csrfFrom(page.text), reason: 'Kursholder på reise',
        sessionId: sessions.map((s) => String(s._id)), date: dates, start: sessions.map(() => '16:00'), end: sessions.map(() => '19:00'), room: sessions.map(() => 'Storsalen'),
      });
      expect(response.status).to.equal(302);
      const moved = await WorkshopSession.findById(sessions[5]!._id).lean();
      expect(moved).to.include({ status: 'moved', sequence: 1, changeReason: 'Kursholder på reise' });
      expect(moved!.startsAt.toISOString()).to.equal('2027-04-23T14:00:00.000Z');
      expect((await WorkshopSession.findById(sessions[0]!._id).lean())!.sequence).to.equal(0);
      const publicPage = await newAgent(t.app).get(`/workshops/${cohort!._id}`).expect(200);
      expect(publicPage.text).to.contain('Begrunnelse: Kursholder på reise');
    });
  });

  describe('public listing and self-service enrolment', () => {
    it('when a participant enrols from the cohort page, then the listing shows one seat fewer', async () => {
      const { cohort, owner } = await openCohortWithOwner('2099-01-01');
      const response = await submitForm(owner, `/workshops/${cohort!._id}`, {}, `/workshops/${cohort!._id}/enrol`);
      expect(response.status).to.equal(302);
      const page = await owner.get(`/workshops/${cohort!._id}`).expect(200);
      expect(page.text).to.contain('Bedriften er påmeldt.');
      expect((await newAgent(t.app).get('/workshops').expect(200)).text).to.contain('19 av 20 plasser ledige');
      expect(await Enrolment.countDocuments({ status: 'enrolled' })).to.equal(1);
    });

    it('when a company is enrolled, then its owner, the trainer and the coordinator see the cohort on their dashboards, and others do not', async () => {
      const { trainer, agent, cohort, owner } = await openCohortWithOwner('2099-01-01');
      await submitForm(owner, `/workshops/${cohort!._id}`, {}, `/workshops/${cohort!._id}/enrol`);
      expect((await owner.get('/dashboard').expect(200)).text).to.contain('Digital strategi våren 2027');
      const coordinatorView = (await agent.get('/dashboard').expect(200)).text;
      expect(coordinatorView).to.contain(`/cohorts/${cohort!._id}/manage`);
      const trainerView = (await (await signIn(t.app, trainer.email, PASSWORD)).get('/dashboard').expect(200)).text;
      expect(trainerView).to.contain(`/cohorts/${cohort!._id}/overview`).and.not.contain(`/cohorts/${cohort!._id}/manage`);
      await makeAccount({ email: 'annen@example.no', roles: ['coordinator'] });
      const outsider = (await (await signIn(t.app, 'annen@example.no', PASSWORD)).get('/dashboard').expect(200)).text;
      expect(outsider).not.to.contain('Digital strategi våren 2027');
    });

    it('when the deadline has passed, then the page says enrolment is closed and a forced post is refused', async () => {
      const { cohort, owner } = await openCohortWithOwner('2020-01-01');
      const page = await owner.get(`/workshops/${cohort!._id}`).expect(200);
      expect(page.text).to.contain('Påmeldingsfristen har gått ut.');
      await owner.post(`/workshops/${cohort!._id}/enrol`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(302);
      expect((await owner.get(`/workshops/${cohort!._id}`)).text).to.contain('Påmeldingsfristen har gått ut.');
      expect(await Enrolment.countDocuments()).to.equal(0);
    });
  });
});
