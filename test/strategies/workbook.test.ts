import { expect } from 'chai';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { STRATEGY_SECTIONS } from '../../src/strategies/sections.js';
import { Strategy, StrategyVersion } from '../../src/strategies/strategy.model.js';
import { createWorkbookService } from '../../src/strategies/workbook.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import { agentFor, cohortWorld, post, saveSection, startStrategy } from './fixtures.js';

describe('strategies: workbook', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('start a strategy', () => {
    it('when two colleagues start the strategy of the same cohort, then there is one strategy they share', async () => {
      const w = await cohortWorld();
      const [a, b] = await Promise.all([agentFor(t.app, w.owner), agentFor(t.app, w.colleague)]);
      const [first, second] = await Promise.all([startStrategy(a, w.cohort._id), startStrategy(b, w.cohort._id)]);
      expect(first).to.equal(second);
      expect(await Strategy.countDocuments({ companyId: w.company._id })).to.equal(1);
      expect((await b.get(`/strategies/${first}`).expect(200)).text).to.contain('Digital strategy for Fjellbakeriet AS');
    });

    it('when a company that is not enrolled tries to start a strategy for the cohort, then 409 and nothing is created', async () => {
      const w = await cohortWorld();
      const outsider = await makeAccount({ companyId: (await makeCompany())._id });
      const response = await post(await agentFor(t.app, outsider), '/strategy', '/strategy/start', { cohortId: String(w.cohort._id) });
      expect(response.status).to.equal(409);
      expect(await Strategy.countDocuments()).to.equal(0);
    });

    it('when a self-paced participant follows the module link to a section, then it offers to start and then opens that section', async () => {
      const company = await makeCompany();
      const owner = await makeAccount({ companyId: company._id });
      await CourseEnrolment.create({ companyId: company._id, courseSlug: 'digital-strategy' });
      const agent = await agentFor(t.app, owner);
      const module = await agent.get('/courses/digital-strategy/modules/being-found-online').expect(200);
      expect(module.text).to.contain('href="/strategy/for/digital-strategy/visibility-objectives"');
      const start = await agent.get('/strategy/for/digital-strategy/visibility-objectives').expect(200);
      expect(start.text).to.contain('name="section" value="visibility-objectives"');
      const started = await post(agent, '/strategy/for/digital-strategy/visibility-objectives', '/strategy/start', { courseSlug: 'digital-strategy', section: 'visibility-objectives' });
      expect(started.headers.location).to.match(/^\/strategies\/[0-9a-f]{24}\/sections\/visibility-objectives$/);
      const again = await agent.get('/strategy/for/digital-strategy/visibility-objectives').expect(302);
      expect(again.headers.location).to.equal(started.headers.location);
    });
  });

  describe('save a section', () => {
    it('when objectives are saved with blank rows, then only the filled rows are kept and the form offers three blank rows more', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      const response = await saveSection(agent, id, 'visibility-objectives', {
        listings: 'Google-profilen mangler åpningstider.',
        'what-0': 'Anmeldelser på Google', 'measure-0': 'Google-profilen', 'today-0': '12', 'target-0': '40', 'byWhen-0': '2027-06',
        'what-1': '', 'measure-1': '', 'what-2': 'Besøkende på nettsiden per måned', 'today-2': '300', 'target-2': '600', 'byWhen-2': '2027-12',
      });
      expect(response.status).to.equal(302);
      const version = await StrategyVersion.findOne({ strategyId: id }).lean();
      expect(version!.version).to.equal(1);
      const rows = (version!.content as Record<string, { rows: Array<Record<string, string>> }>)['visibility-objectives']!.rows;
      expect(rows.map((r) => r.what)).to.deep.equal(['Anmeldelser på Google', 'Besøkende på nettsiden per måned']);
      const form = await agent.get(`/strategies/${id}/sections/visibility-objectives`).expect(200);
      expect(form.text).to.contain('id="what-4"').and.not.contain('id="what-5"');
      const page = await agent.get(`/strategies/${id}`).expect(200);
      expect(page.text).to.contain('Anmeldelser på Google').and.contain('juni 2027');
    });

    it('when a row has values but no first column, then the form is shown again with the message and nothing is saved', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      const response = await saveSection(agent, id, 'action-plan', { 'owner-0': 'Kari', 'month-0': '2027-13', 'cost-0': '12 000' });
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Fyll inn første kolonne i raden').and.contain('åååå-mm').and.contain('value="Kari"');
      expect(response.text).to.contain('href="#action-0"');
      expect(await StrategyVersion.countDocuments({ strategyId: id })).to.equal(0);
    });

    it('when ten saves happen at once, then ten versions are kept, numbered 1 to 10', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      const workbook = createWorkbookService({ now: () => new Date() });
      const owner = toAccountView(w.owner);
      const numbers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        workbook.saveSection(owner, id, 'current-situation', { texts: { customers: `Utkast ${i}` }, rows: [] })));
      expect([...numbers].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const stored = await StrategyVersion.find({ strategyId: id }).sort({ version: 1 }).lean();
      expect(stored.map((v) => v.version)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const texts = stored.map((v) => (v.content as Record<string, { texts: { customers: string } }>)['current-situation']!.texts.customers);
      expect(new Set(texts).size).to.equal(10);
    });

    it('when colleagues save six different sections at once, then the newest version holds all six', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      const workbook = createWorkbookService({ now: () => new Date() });
      const people = [toAccountView(w.owner), toAccountView(w.colleague)];
      const field = { 'current-situation': 'customers', 'visibility-objectives': 'listings', 'channels-content': 'channels', 'sales-ecommerce': 'step', 'tools-security': 'tools', 'action-plan': 'intro' } as const;
      await Promise.all(STRATEGY_SECTIONS.map((section, i) =>
        workbook.saveSection(people[i % 2]!, id, section, { texts: { [field[section]]: `Tekst for ${section}` }, rows: [] })));
      const latest = await StrategyVersion.findOne({ strategyId: id }).sort({ version: -1 }).lean();
      expect(latest!.version).to.equal(6);
      for (const section of STRATEGY_SECTIONS) {
        expect((latest!.content as Record<string, { texts: Record<string, string> }>)[section]!.texts[field[section]]).to.equal(`Tekst for ${section}`);
      }
    });
  });

  describe('history', () => {
    it('when a section is saved twice, then the history lists both saves and the old version shows the old text', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      await saveSection(agent, id, 'current-situation', { customers: 'Første utkast' });
      await saveSection(agent, id, 'current-situation', { customers: 'Andre utkast' });
      const history = await agent.get(`/strategies/${id}/history`).expect(200);
      expect(history.text).to.contain(`href="/strategies/${id}/versions/1"`).and.contain(`href="/strategies/${id}/versions/2"`);
      expect(history.text).to.contain('Eier Fjellbakeriet AS');
      const old = await agent.get(`/strategies/${id}/versions/1`).expect(200);
      expect(old.text).to.contain('Første utkast').and.not.contain('Andre utkast');
      await agent.get(`/strategies/${id}/versions/3`).expect(404);
    });
  });
});
