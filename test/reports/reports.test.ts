import { expect } from 'chai';
import mongoose from 'mongoose';
import { buildCohortReports } from '../../src/reports/reports.service.js';
import { MaturityAssessment } from '../../src/strategies/maturity/assessment.model.js';
import { Strategy, type StrategyStatus } from '../../src/strategies/strategy.model.js';
import { Cohort } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import { agentFor, cohortWorld, enrolledCompany, makeSessions, markPresent } from '../strategies/fixtures.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';

/** A strategy stored directly in a given status, with T0/T1 overall scores when given. */
async function strategyFor(cohortId: mongoose.Types.ObjectId, companyId: mongoose.Types.ObjectId, status: StrategyStatus, scores: { t0?: number; t1?: number } = {}) {
  const strategy = await Strategy.create({ companyId, cohortId, enrolmentKey: `cohort:${cohortId}`, courseSlug: 'digital-strategy', status });
  for (const [stage, overall] of [['T0', scores.t0], ['T1', scores.t1]] as const) {
    if (overall === undefined) continue;
    await MaturityAssessment.create({ strategyId: strategy._id, companyId, stage, answers: {}, dimensions: {}, overall, band: 'average', by: companyId, at: new Date() });
  }
  return strategy;
}

/** A row of the report table, by company name, as plain text. */
function rowOf(html: string, company: string): string {
  const start = html.indexOf(`<th scope="row">${company}</th>`);
  expect(start, company).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('reports', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  it('when a coordinator opens a cohort report, then each enrolled company shows attendance, strategy status, maturity change and completion', async () => {
    const w = await cohortWorld();
    await markPresent(w.sessions, w.owner, 5, w.trainer._id);
    await strategyFor(w.cohort._id, w.company._id, 'approved', { t0: 40, t1: 62.5 });
    const short = await enrolledCompany(w.cohort._id, { name: 'Kortreist AS' });
    await markPresent(w.sessions, short.owner, 3, w.trainer._id);
    await strategyFor(w.cohort._id, short.company._id, 'approved', { t0: 30 });
    const idle = await enrolledCompany(w.cohort._id, { name: 'Tregstart AS' });
    await markPresent(w.sessions, idle.owner, 6, w.trainer._id);
    const waiting = await makeCompany({ name: 'Venteliste AS' });
    await Enrolment.create({ cohortId: w.cohort._id, companyId: waiting._id, status: 'waitlisted' });

    const page = await (await agentFor(t.app, w.coordinator)).get(`/reports/cohorts/${w.cohort._id}`).expect(200);
    expect(page.text).to.contain('1 av 3 bedrifter har fullført.').and.not.contain('Venteliste AS');
    expect(rowOf(page.text, 'Fjellbakeriet AS')).to.equal(' Fjellbakeriet AS 5 av 6 (regelen er oppfylt) Godkjent 40 → 62,5 (+22,5) Ja ');
    expect(rowOf(page.text, 'Kortreist AS')).to.equal(' Kortreist AS 3 av 6 (regelen er ikke oppfylt) Godkjent 30 → – Nei ');
    expect(rowOf(page.text, 'Tregstart AS')).to.equal(' Tregstart AS 6 av 6 (regelen er oppfylt) Ikke startet – Nei ');
  });

  it('when a coordinator opens the garden report, then every cohort of the garden is listed with its companies', async () => {
    const w = await cohortWorld();
    const second = await makeCohort({ gardenId: w.garden._id, title: 'Digital strategi våren 2027' });
    await makeSessions(second, -30);
    await enrolledCompany(second._id, { name: 'Vårbedriften AS' });
    const agent = await agentFor(t.app, w.coordinator);
    const page = await agent.get(`/reports/gardens/${w.garden._id}`).expect(200);
    expect(page.text).to.contain('Digital strategi høsten 2026').and.contain('Digital strategi våren 2027');
    expect(page.text).to.contain('Fjellbakeriet AS').and.contain('Vårbedriften AS');
    const index = await agent.get('/reports').expect(200);
    expect(index.text).to.contain(`href="/reports/gardens/${w.garden._id}"`).and.contain(`href="/reports/cohorts/${second._id}"`);
  });

  it('when a coordinator of another garden or a participant opens a report, then 403', async () => {
    const w = await cohortWorld();
    const other = await makeAccount({ roles: ['coordinator'] });
    await makeGarden({ coordinatorIds: [other._id] });
    const otherAgent = await agentFor(t.app, other);
    expect((await otherAgent.get(`/reports/cohorts/${w.cohort._id}`)).status).to.equal(403);
    expect((await otherAgent.get(`/reports/gardens/${w.garden._id}`)).status).to.equal(403);
    expect((await (await agentFor(t.app, w.owner)).get('/reports')).status).to.equal(403);
  });

  it('when a cohort has three times as many companies, then the report makes the same number of queries', async () => {
    const w = await cohortWorld();
    // The second build of each pair is counted: the first rebuilds the caches the data's changes made stale.
    const count = async () => {
      const cohort = (await Cohort.findById(w.cohort._id).lean())!;
      await buildCohortReports([{ id: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended }], new Date());
      let queries = 0;
      mongoose.set('debug', () => { queries += 1; });
      try {
        const cohort = (await Cohort.findById(w.cohort._id).lean())!;
        await buildCohortReports([{ id: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended }], new Date());
      } finally {
        mongoose.set('debug', false);
      }
      return queries;
    };
    await enrolledCompany(w.cohort._id);
    const small = await count();
    for (let i = 0; i < 4; i += 1) {
      const { company, owner } = await enrolledCompany(w.cohort._id);
      await strategyFor(w.cohort._id, company._id, 'submitted', { t0: 20, t1: 30 });
      await markPresent(w.sessions, owner, 2, w.trainer._id);
    }
    expect(small).to.be.greaterThan(3);
    expect(await count()).to.equal(small);
  });
});
