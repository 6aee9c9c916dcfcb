import { expect } from 'chai';
import type { Types } from 'mongoose';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { StrategyReviewer } from '../../src/strategies/strategy.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import type { Agent } from '../support/http.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';
import { agentFor, cohortWorld, post, startStrategy } from './fixtures.js';

const COURSE = 'digital-strategy';

describe('strategies: reviewer assignment for self-paced strategies', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  /** The company starts a self-paced strategy of the course, as its page does; returns its id. */
  async function startSelfPaced(companyId: Types.ObjectId, owner: Agent): Promise<string> {
    await CourseEnrolment.create({ companyId, courseSlug: COURSE });
    const started = await post(owner, '/strategy', '/strategy/start', { courseSlug: COURSE });
    return /strategies\/([0-9a-f]{24})/.exec(started.headers.location!)![1]!;
  }

  /**
   * Garden G (coordinator Kari) with a cohort in which Fjellbakeriet AS is enrolled and which
   * has a self-paced strategy too; garden H with its own coordinator; a trainer to assign;
   * and Nettbutikken AS, self-paced in no garden's cohort.
   */
  async function world() {
    const w = await cohortWorld();
    const owner = await agentFor(t.app, w.owner);
    const id = await startSelfPaced(w.company._id, owner);
    const otherCoordinator = await makeAccount({ roles: ['coordinator'] });
    await makeCohort({ gardenId: (await makeGarden({ coordinatorIds: [otherCoordinator._id] }))._id });
    const reviewer = await makeAccount({ roles: ['trainer'], name: 'Tildelt Trener' });
    const loner = await makeCompany({ name: 'Nettbutikken AS' });
    const lonerId = await startSelfPaced(loner._id, await agentFor(t.app, await makeAccount({ companyId: loner._id })));
    return {
      ...w, id, lonerId, reviewer, owner,
      agents: {
        coordinator: await agentFor(t.app, w.coordinator),
        otherCoordinator: await agentFor(t.app, otherCoordinator),
        admin: await agentFor(t.app, await makeAccount({ roles: ['admin'] })),
        reviewer: await agentFor(t.app, reviewer),
      },
    };
  }

  const assign = (agent: Agent, strategyId: string, trainerId: Types.ObjectId) =>
    post(agent, '/strategy-reviewers', `/strategy-reviewers/${strategyId}`, { trainerId: String(trainerId) });
  const assignments = () => StrategyReviewer.find({}, { strategyId: 1, trainerId: 1, _id: 0 }).lean();

  it('when the company\'s garden coordinator assigns a trainer, then the list shows its strategy and the trainer reviews it', async () => {
    const w = await world();
    const list = (await w.agents.coordinator.get('/strategy-reviewers').expect(200)).text;
    expect(list).to.contain('Fjellbakeriet AS').and.contain(`/strategy-reviewers/${w.id}`).and.not.contain('Nettbutikken AS');
    expect((await assign(w.agents.coordinator, w.id, w.reviewer._id)).status).to.equal(302);
    expect((await assignments()).map((a) => [String(a.strategyId), String(a.trainerId)])).to.deep.equal([[w.id, String(w.reviewer._id)]]);
    await w.agents.reviewer.get(`/strategies/${w.id}`).expect(200);
  });

  it('when a coordinator of another garden asks, then the strategy is not listed, assigning it answers 404 and nothing changes', async () => {
    const w = await world();
    const list = (await w.agents.otherCoordinator.get('/strategy-reviewers').expect(200)).text;
    expect(list).to.not.contain('Fjellbakeriet AS').and.not.contain('Nettbutikken AS').and.not.contain(w.id);
    expect((await assign(w.agents.otherCoordinator, w.id, w.reviewer._id)).status).to.equal(404);
    expect(await assignments()).to.deep.equal([]);
    await w.agents.reviewer.get(`/strategies/${w.id}`).expect(404);
  });

  it('when a self-paced company is in no garden\'s cohort, then only an admin lists and assigns it', async () => {
    const w = await world();
    expect((await assign(w.agents.coordinator, w.lonerId, w.reviewer._id)).status).to.equal(404);
    expect(await assignments()).to.deep.equal([]);
    const list = (await w.agents.admin.get('/strategy-reviewers').expect(200)).text;
    expect(list).to.contain('Fjellbakeriet AS').and.contain('Nettbutikken AS');
    expect((await assign(w.agents.admin, w.lonerId, w.reviewer._id)).status).to.equal(302);
    expect((await assignments()).map((a) => String(a.strategyId))).to.deep.equal([w.lonerId]);
  });

  it('when the company was enrolled in the garden\'s cohort and its enrolment is cancelled, then its cohort strategy keeps it that garden\'s (and no other\'s)', async () => {
    const w = await world();
    await startStrategy(w.owner, w.cohort._id);
    await Enrolment.deleteOne({ cohortId: w.cohort._id, companyId: w.company._id });
    expect((await assign(w.agents.otherCoordinator, w.id, w.reviewer._id)).status).to.equal(404);
    expect((await w.agents.coordinator.get('/strategy-reviewers').expect(200)).text).to.contain('Fjellbakeriet AS');
    expect((await assign(w.agents.coordinator, w.id, w.reviewer._id)).status).to.equal(302);
    expect(await assignments()).to.have.length(1);
  });
});
