import { expect } from 'chai';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { ModuleProgress } from '../../src/courses/progress.model.js';
import { Certificate } from '../../src/strategies/completion/certificate.model.js';
import { createCompletionService } from '../../src/strategies/completion/completion.service.js';
import { Strategy } from '../../src/strategies/strategy.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import { newAgent, type Agent } from '../support/http.js';
import { agentFor, cohortWorld, markPresent, post, startStrategy, writeSections } from './fixtures.js';

describe('strategies: completion and certificate', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  const approve = async (owner: Agent, trainer: Agent, id: string) => {
    await writeSections(owner, id);
    await post(owner, `/strategies/${id}`, `/strategies/${id}/submit`, {});
    const decided = await post(trainer, '/dashboard', `/strategies/${id}/review`, { decision: 'approve' });
    expect(decided.status).to.equal(302);
  };

  it('when the strategy is approved but attendance is one session short, then not complete; the missing session completes it', async () => {
    const w = await cohortWorld();
    const completion = createCompletionService({ catalogue: t.courses, now: () => new Date() });
    const owner = await agentFor(t.app, w.owner);
    const id = await startStrategy(owner, w.cohort._id);
    await approve(owner, await agentFor(t.app, w.trainer), id);
    await markPresent(w.sessions, w.owner, 4, w.trainer._id);
    const before = await completion.completionOf((await Strategy.findById(id).lean())!);
    expect(before).to.deep.equal({ kind: 'cohort', participationMet: false, approved: true, complete: false });
    const page = await owner.get(`/strategies/${id}/certificate`).expect(200);
    expect(page.text).to.contain('Kursbeviset kommer når begge vilkårene er oppfylt');
    expect(await Certificate.countDocuments()).to.equal(0);

    await markPresent(w.sessions.slice(4), w.colleague, 1, w.trainer._id);
    expect((await completion.completionOf((await Strategy.findById(id).lean())!)).complete).to.equal(true);
  });

  it('when attendance meets the rule but the strategy is not approved, then not complete; approval completes it', async () => {
    const w = await cohortWorld();
    const completion = createCompletionService({ catalogue: t.courses, now: () => new Date() });
    const owner = await agentFor(t.app, w.owner);
    const id = await startStrategy(owner, w.cohort._id);
    await markPresent(w.sessions, w.owner, 5, w.trainer._id);
    expect(await completion.completionOf((await Strategy.findById(id).lean())!)).to.deep.equal({ kind: 'cohort', participationMet: true, approved: false, complete: false });
    await approve(owner, await agentFor(t.app, w.trainer), id);
    expect((await completion.completionOf((await Strategy.findById(id).lean())!)).complete).to.equal(true);
  });

  it('when complete, then the certificate page shows it with a public link that anyone can verify, and the names can be edited', async () => {
    const w = await cohortWorld();
    const owner = await agentFor(t.app, w.owner);
    const id = await startStrategy(owner, w.cohort._id);
    await markPresent(w.sessions, w.owner, 5, w.trainer._id);
    await approve(owner, await agentFor(t.app, w.trainer), id);
    const page = await owner.get(`/strategies/${id}/certificate`).expect(200);
    const certificate = await Certificate.findOne({ strategyId: id }).lean();
    expect(certificate!.publicId).to.match(/^[0-9a-f]{32}$/);
    expect(page.text).to.contain('Fjellbakeriet AS').and.contain(`http://localhost:3000/certificates/${certificate!.publicId}`);
    expect(certificate!.names.sort()).to.deep.equal(['Eier Fjellbakeriet AS', 'Kollega Fjellbakeriet AS']);

    const visitor = newAgent(t.app);
    const verified = await visitor.get(`/certificates/${certificate!.publicId}`).expect(200);
    expect(verified.text).to.contain('Kursbeviset er gyldig').and.contain('Fjellbakeriet AS').and.contain('Digital strategi høsten 2026');
    expect(verified.text).not.to.contain('Lokale kunder.');
    await visitor.get(`/certificates/${'0'.repeat(32)}`).expect(404);

    expect((await post(owner, `/strategies/${id}/certificate`, `/strategies/${id}/certificate`, { names: 'Ola Nordmann\nKari Nordmann' })).status).to.equal(302);
    expect((await visitor.get(`/certificates/${certificate!.publicId}`)).text).to.contain('Ola Nordmann, Kari Nordmann');
    await owner.get(`/strategies/${id}/certificate`).expect(200);
    expect(await Certificate.countDocuments()).to.equal(1);
  });

  it('when a self-paced company has every module done by someone and an approved strategy, then it completes', async () => {
    const company = await makeCompany({ name: 'Nettbutikken AS' });
    const [anne, bjørn] = [await makeAccount({ companyId: company._id }), await makeAccount({ companyId: company._id })];
    await CourseEnrolment.create({ companyId: company._id, courseSlug: 'digital-strategy' });
    const ownerAgent = await agentFor(t.app, anne);
    const started = await post(ownerAgent, '/strategy', '/strategy/start', { courseSlug: 'digital-strategy' });
    const id = /strategies\/([0-9a-f]{24})/.exec(started.headers.location!)![1]!;
    const trainer = await makeAccount({ roles: ['trainer'] });
    // A company in no garden's cohort: an admin names its reviewer.
    const admin = await makeAccount({ roles: ['admin'] });
    expect((await post(await agentFor(t.app, admin), '/strategy-reviewers', `/strategy-reviewers/${id}`, { trainerId: String(trainer._id) })).status).to.equal(302);
    await approve(ownerAgent, await agentFor(t.app, trainer), id);

    const completion = createCompletionService({ catalogue: t.courses, now: () => new Date() });
    const modules = t.courses.moduleSlugs('digital-strategy');
    await ModuleProgress.insertMany(modules.slice(0, 5).map((moduleSlug, i) => ({ accountId: i % 2 ? anne._id : bjørn._id, courseSlug: 'digital-strategy', moduleSlug })));
    expect((await completion.completionOf((await Strategy.findById(id).lean())!)).complete).to.equal(false);
    await ModuleProgress.create({ accountId: bjørn._id, courseSlug: 'digital-strategy', moduleSlug: modules[5] });
    expect((await completion.completionOf((await Strategy.findById(id).lean())!)).complete).to.equal(true);
    const certificate = await completion.issueCertificate(toAccountView(anne), id);
    expect(certificate.companyName).to.equal('Nettbutikken AS');
  });
});
