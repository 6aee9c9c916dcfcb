import { expect } from 'chai';
import Handlebars from 'handlebars';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { ModuleProgress } from '../../src/courses/progress.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn, submitForm, type Agent } from '../support/http.js';

const COURSE = '/courses/digital-strategy';
const FIRST = `${COURSE}/modules/digital-opportunities`;
const SECOND = `${COURSE}/modules/being-found-online`;

/** A signed-in participant of a new company, not enrolled yet. */
async function participant(t: TestApp, language: 'nb' | 'en' = 'nb') {
  const company = await makeCompany();
  const account = await makeAccount({ companyId: company._id, language });
  return { company, account, agent: await signIn(t.app, account.email, PASSWORD) };
}

const enrol = (agent: Agent) => submitForm(agent, COURSE, {}, `${COURSE}/enrolment`);
const mark = (agent: Agent, modulePath: string, done: boolean) => submitForm(agent, modulePath, { done: String(done) }, `${modulePath}/progress`);

describe('courses', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('browse the catalogue', () => {
    it('when a visitor opens the catalogue, then the course shows its module count and total minutes', async () => {
      const page = await newAgent(t.app).get('/courses').expect(200);
      expect(page.text).to.contain('Digital strategi for små bedrifter');
      expect(page.text).to.contain('6 moduler · omtrent 360 minutter');
    });

    it('when a visitor opens the course page, then it offers a login to enrol and no module links', async () => {
      const page = await newAgent(t.app).get(COURSE).expect(200);
      expect(page.text).to.contain('Dette går du ut med');
      expect(page.text).to.contain(`href="${Handlebars.Utils.escapeExpression(`/login?next=${encodeURIComponent(COURSE)}`)}"`);
      expect(page.text).not.to.contain(`href="${FIRST}"`);
      expect(page.text).not.to.contain('<progress');
    });
  });

  describe('enrol a company', () => {
    it('when a visitor opens a module, then they are sent to the login page', async () => {
      const response = await newAgent(t.app).get(FIRST).expect(302);
      expect(response.headers.location).to.equal(`/login?next=${encodeURIComponent(FIRST)}`);
    });

    it('when a participant enrols, then the course page shows progress 0/6 and a link to the first module', async () => {
      const { agent, company } = await participant(t);
      const response = await enrol(agent);
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal(COURSE);
      const page = await agent.get(COURSE).expect(200);
      expect(page.text).to.contain('Bedriften er meldt på «Digital strategi for små bedrifter»');
      expect(page.text).to.contain('<progress value="0" max="6"');
      expect(page.text).to.contain('0/6 moduler fullført');
      expect(page.text).to.contain(`href="${FIRST}"`);
      expect(page.text).not.to.contain(`action="${COURSE}/enrolment"`);
      expect(await CourseEnrolment.countDocuments({ companyId: company._id })).to.equal(1);
    });

    it('when 20 enrol requests for one company arrive at once, then exactly one enrolment exists', async () => {
      const { agent, company } = await participant(t);
      const _csrf = csrfFrom((await agent.get(COURSE).expect(200)).text);
      const responses = await Promise.all(Array.from({ length: 20 }, () => agent.post(`${COURSE}/enrolment`).type('form').send({ _csrf })));
      expect(responses.map((r) => r.status)).to.deep.equal(Array(20).fill(302));
      expect(await CourseEnrolment.countDocuments({ companyId: company._id, courseSlug: 'digital-strategy' })).to.equal(1);
    });

    it('when a colleague opens the course after the company enrolled, then they follow it without enrolling again', async () => {
      const { agent, company } = await participant(t);
      await enrol(agent);
      const colleague = await makeAccount({ companyId: company._id });
      const page = await (await signIn(t.app, colleague.email, PASSWORD)).get(COURSE).expect(200);
      expect(page.text).to.contain('0/6 moduler fullført');
      expect(page.text).not.to.contain(`action="${COURSE}/enrolment"`);
    });
  });

  describe('read a module', () => {
    it('when a participant whose company is not enrolled opens a module, then they are sent to the course page and told to enrol', async () => {
      const { agent } = await participant(t);
      const response = await agent.get(FIRST).expect(302);
      expect(response.headers.location).to.equal(COURSE);
      const page = await agent.get(COURSE).expect(200);
      expect(page.text).to.contain('Meld på bedriften for å lese modulene.');
      expect(page.text).to.contain(`action="${COURSE}/enrolment"`);
    });

    it('when a trainer opens a module without enrolling, then it is shown with an upload link and no done button', async () => {
      const trainer = await makeAccount({ roles: ['trainer'] });
      const page = await (await signIn(t.app, trainer.email, PASSWORD)).get(SECOND).expect(200);
      expect(page.text).to.contain('Bli funnet på nett');
      expect(page.text).to.contain(`href="${SECOND}/materials/new"`);
      expect(page.text).not.to.contain(`action="${SECOND}/progress"`);
      expect(page.text).to.contain('Oppgaven gir innhold til delen «Synlighet og mål»');
      expect(await CourseEnrolment.countDocuments()).to.equal(0);
    });

    it('when an English-speaking participant reads a module, then it is in English', async () => {
      const { agent } = await participant(t, 'en');
      await enrol(agent);
      const page = await agent.get(SECOND).expect(200);
      expect(page.text).to.contain('<h1 lang="en">Being found online</h1>');
      expect(page.text).to.contain('Worked example');
      expect(page.text).to.contain('This exercise feeds the “Visibility and objectives” section');
      expect(page.text).not.to.contain('Bli funnet på nett</h1>');
      expect(page.text).not.to.contain('is not available in English yet');
    });
  });

  describe('mark a module as done', () => {
    it('when a participant marks a module done, then the course page shows 1/6 and continues at the next module', async () => {
      const { agent } = await participant(t);
      await enrol(agent);
      expect((await mark(agent, FIRST, true)).headers.location).to.equal(FIRST);
      const modulePage = await agent.get(FIRST).expect(200);
      expect(modulePage.text).to.contain('Marker som ikke fullført');
      const page = await agent.get(COURSE).expect(200);
      expect(page.text).to.contain('<progress value="1" max="6"');
      expect(page.text).to.contain('1/6 moduler fullført');
      expect(page.text).to.contain(`<a class="button" href="${SECOND}">Fortsett der du slapp: Bli funnet på nett</a>`);
    });

    it('when a participant marks the same module done twice, then progress stays 1/6', async () => {
      const { agent, account } = await participant(t);
      await enrol(agent);
      await mark(agent, FIRST, true);
      await mark(agent, FIRST, true);
      expect((await agent.get(COURSE).expect(200)).text).to.contain('1/6 moduler fullført');
      expect(await ModuleProgress.countDocuments({ accountId: account._id })).to.equal(1);
    });

    it('when a participant marks a done module as not done, then progress goes back to 0/6', async () => {
      const { agent } = await participant(t);
      await enrol(agent);
      await mark(agent, FIRST, true);
      await mark(agent, FIRST, false);
      expect((await agent.get(COURSE).expect(200)).text).to.contain('0/6 moduler fullført');
    });

    it('when a colleague marks a module done, then only their own progress changes', async () => {
      const { agent, company } = await participant(t);
      await enrol(agent);
      const colleague = await makeAccount({ companyId: company._id });
      await mark(await signIn(t.app, colleague.email, PASSWORD), FIRST, true);
      expect((await agent.get(COURSE).expect(200)).text).to.contain('0/6 moduler fullført');
    });

    it('when an enrolled participant opens the dashboard, then it shows the course with progress and a continue link', async () => {
      const { agent } = await participant(t);
      expect((await agent.get('/dashboard').expect(200)).text).to.contain('href="/courses"');
      await enrol(agent);
      await mark(agent, FIRST, true);
      const dashboard = await agent.get('/dashboard').expect(200);
      expect(dashboard.text).to.contain('<progress value="1" max="6"');
      expect(dashboard.text).to.contain(`href="${SECOND}">Fortsett: Bli funnet på nett</a>`);
    });
  });
});
