import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount } from '../support/fixtures.js';
import { newAgent } from '../support/http.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';
import { agentFor, cohortWorld, enrolledCompany, saveSection, startStrategy } from './fixtures.js';

/** Every page of one strategy; each must be private to the people of the strategy. */
const pagesOf = (id: string) => [
  `/strategies/${id}`, `/strategies/${id}/sections/current-situation`, `/strategies/${id}/history`, `/strategies/${id}/versions/1`,
  `/strategies/${id}/print`, `/strategies/${id}/brief`, `/strategies/${id}/strategy.pdf`, `/strategies/${id}/brief.pdf`,
  `/strategies/${id}/review`, `/strategies/${id}/maturity`, `/strategies/${id}/maturity/T0`, `/strategies/${id}/certificate`,
];

describe('strategies: privacy', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  async function twoCompanies() {
    const w = await cohortWorld();
    const a = await agentFor(t.app, w.owner);
    const aId = await startStrategy(a, w.cohort._id);
    await saveSection(a, aId, 'visibility-objectives', { 'what-0': 'Hemmelig mål for A' });
    const b = await enrolledCompany(w.cohort._id, { name: 'Nabobedriften AS' });
    const bAgent = await agentFor(t.app, b.owner);
    const bId = await startStrategy(bAgent, w.cohort._id);
    await saveSection(bAgent, bId, 'visibility-objectives', { 'what-0': 'Hemmelig mål for B' });
    return { ...w, a, aId, bAgent, bId };
  }

  it('when a participant of company A opens any page of company B’s strategy, including its PDF, then 404', async () => {
    const w = await twoCompanies();
    for (const path of pagesOf(w.bId)) {
      const response = await w.a.get(path);
      expect(response.status, path).to.equal(404);
      expect(response.text, path).not.to.contain('Hemmelig mål for B');
    }
    const pdf = await w.a.get(`/strategies/${w.bId}/strategy.pdf`);
    expect(pdf.headers['content-type']).not.to.contain('application/pdf');
  });

  it('when trainers and coordinators outside the cohort, or an outsider, open the strategy, then 404; an unknown id is 404 as well', async () => {
    const w = await twoCompanies();
    const otherTrainer = await makeAccount({ roles: ['trainer'] });
    await makeCohort({ trainerIds: [otherTrainer._id] });
    const otherCoordinator = await makeAccount({ roles: ['coordinator'] });
    await makeGarden({ coordinatorIds: [otherCoordinator._id] });
    const outsider = await makeAccount();
    for (const person of [otherTrainer, otherCoordinator, outsider]) {
      const agent = await agentFor(t.app, person);
      for (const path of [`/strategies/${w.aId}`, `/strategies/${w.aId}/strategy.pdf`, `/strategies/${w.aId}/history`, `/strategies/${w.aId}/certificate`]) {
        expect((await agent.get(path)).status, `${person.roles.join()} ${path}`).to.equal(404);
      }
    }
    const a = w.a;
    await a.get('/strategies/000000000000000000000000').expect(404);
    await a.get('/strategies/not-an-id').expect(404);
  });

  it('when the cohort’s trainer, the garden’s coordinator and an admin open it, then they can read it and its PDF; visitors must log in', async () => {
    const w = await twoCompanies();
    const admin = await makeAccount({ roles: ['admin'] });
    for (const person of [w.trainer, w.coordinator, admin]) {
      const agent = await agentFor(t.app, person);
      expect((await agent.get(`/strategies/${w.aId}`).expect(200)).text).to.contain('Hemmelig mål for A');
      await agent.get(`/strategies/${w.aId}/strategy.pdf`).expect(200).expect('content-type', 'application/pdf');
      await agent.get(`/strategies/${w.aId}/history`).expect(200);
      await agent.get(`/strategies/${w.aId}/sections/current-situation`).expect(404);
    }
    const visitor = await newAgent(t.app).get(`/strategies/${w.aId}`).expect(302);
    expect(visitor.headers.location).to.match(/^\/login/);
  });
});
