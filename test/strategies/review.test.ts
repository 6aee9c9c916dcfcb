import { expect } from 'chai';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { ConflictError } from '../../src/shared/errors.js';
import { createReviewService } from '../../src/strategies/review.service.js';
import { Strategy, StrategyComment, StrategyTransition, StrategyVersion } from '../../src/strategies/strategy.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import type { Agent } from '../support/http.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';
import { IncompleteStrategyError } from '../../src/strategies/completeness.js';
import { agentFor, cohortWorld, post, saveSection, startStrategy, writeSections } from './fixtures.js';

describe('strategies: submission and review', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  const statusOf = async (id: string) => (await Strategy.findById(id).lean())!.status;
  const submit = (agent: Agent, id: string) => post(agent, `/strategies/${id}`, `/strategies/${id}/submit`, {});
  const decide = (agent: Agent, id: string, decision: string, comments: Record<string, string> = {}) =>
    post(agent, '/dashboard', `/strategies/${id}/review`, { decision, ...comments });

  const reviewService = () => createReviewService({ mailer: { queue: async () => ({ messageId: 'x' }) }, baseUrl: 'http://localhost', now: () => new Date() });

  /** The standard cast with a strategy that has every section written, or all but those in `skip`. */
  async function written(skip: Parameters<typeof writeSections>[2] = []) {
    const w = await cohortWorld();
    const owner = await agentFor(t.app, w.owner);
    const id = await startStrategy(owner, w.cohort._id);
    await writeSections(owner, id, skip);
    return { ...w, id, agents: { owner, trainer: await agentFor(t.app, w.trainer), coordinator: await agentFor(t.app, w.coordinator) } };
  }

  /**
   * A strategy handed in with only its first section written, as the app allowed
   * before every section was required; such strategies are still in the database.
   */
  async function submittedIncomplete() {
    const w = await written(['visibility-objectives', 'channels-content', 'sales-ecommerce', 'tools-security', 'action-plan']);
    await Strategy.updateOne({ _id: w.id }, { $set: { status: 'submitted', transitionCount: 1 } });
    await StrategyTransition.create({ strategyId: w.id, seq: 1, from: 'draft', to: 'submitted', by: w.owner._id, at: new Date() });
    return w;
  }

  describe('submit', () => {
    it('when the company submits an empty strategy, then it is refused with 409 and stays a draft', async () => {
      const w = await cohortWorld();
      const owner = await agentFor(t.app, w.owner);
      const id = await startStrategy(owner, w.cohort._id);
      const response = await submit(owner, id);
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Skriv alle de seks delene før dere sender inn strategien');
      expect(await statusOf(id)).to.equal('draft');
      expect(await StrategyTransition.countDocuments()).to.equal(0);
    });

    it('when five of six sections are empty, then submit is refused naming the five, and nothing is recorded', async () => {
      const w = await written(['visibility-objectives', 'channels-content', 'sales-ecommerce', 'tools-security', 'action-plan']);
      const refused = await reviewService().submit(toAccountView(w.owner), w.id).then(() => undefined, (error: unknown) => error);
      expect(refused).to.be.instanceOf(IncompleteStrategyError);
      expect((refused as IncompleteStrategyError).sections).to.deep.equal(['visibility-objectives', 'channels-content', 'sales-ecommerce', 'tools-security', 'action-plan']);
      expect(await statusOf(w.id)).to.equal('draft');
      expect(await StrategyTransition.countDocuments()).to.equal(0);
      expect(await OutboxMessage.countDocuments({ template: 'strategy-submitted' })).to.equal(0);
    });

    it('when one section is empty, then the page names it in the reader’s language, stays a draft and keeps every text', async () => {
      const w = await written(['sales-ecommerce']);
      const page = await w.agents.owner.get(`/strategies/${w.id}`).expect(200);
      expect(page.text).to.contain('Ikke skrevet ennå: Salg og netthandel.');
      const response = await submit(w.agents.owner, w.id);
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Ikke skrevet ennå: Salg og netthandel. Det dere har skrevet, er lagret.');
      expect(response.text).to.contain('Hyttefolk og turister om sommeren.');
      const english = await submit(await agentFor(t.app, w.colleague), w.id);
      expect(english.status).to.equal(409);
      expect(english.text).to.contain('Write all six sections before you submit the strategy. Not written yet: Sales and e-commerce.');
      expect(await statusOf(w.id)).to.equal('draft');
      expect(await StrategyVersion.countDocuments({ strategyId: w.id })).to.equal(5);

      expect((await saveSection(w.agents.owner, w.id, 'sales-ecommerce', { step: 'Nettbutikk.' })).status).to.equal(302);
      expect((await submit(w.agents.owner, w.id)).status).to.equal(302);
      expect(await statusOf(w.id)).to.equal('submitted');
    });

    it('when the company submits, then the status is submitted, the change is recorded and each participant gets an email in their language', async () => {
      const w = await written();
      const response = await submit(w.agents.owner, w.id);
      expect(response.status).to.equal(302);
      expect(await statusOf(w.id)).to.equal('submitted');
      const transition = await StrategyTransition.findOne({ strategyId: w.id }).lean();
      expect(transition).to.include({ seq: 1, from: 'draft', to: 'submitted' });
      expect(String(transition!.by)).to.equal(String(w.owner._id));
      expect(transition!.at).to.be.instanceOf(Date);
      const mails = await OutboxMessage.find({ template: 'strategy-submitted' }).lean();
      expect(mails.map((m) => m.to).sort()).to.deep.equal([w.owner.email, w.colleague.email].sort());
      expect(mails.find((m) => m.to === w.owner.email)!.subject).to.equal('Strategien til Fjellbakeriet AS er sendt inn');
      expect(mails.find((m) => m.to === w.colleague.email)!.subject).to.equal('The strategy of Fjellbakeriet AS is submitted');
      expect(mails[0]!.text).to.contain(`http://localhost:3000/strategies/${w.id}`);
    });

    it('when the company submits, then the cohort\'s trainer is emailed that it waits for feedback, once, and arrives at the strategy', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      const mails = await OutboxMessage.find({ template: 'strategy-for-review' }).lean();
      expect(mails.map((m) => m.to)).to.deep.equal([w.trainer.email]);
      expect(mails[0]!.subject).to.equal('Til gjennomgang: strategien til Fjellbakeriet AS');
      expect(mails[0]!.text).to.contain('venter på din tilbakemelding').and.contain(`http://localhost:3000/strategies/${w.id}`);
      const delivered = await t.smtp.waitFor((m) => m.subject === 'Til gjennomgang: strategien til Fjellbakeriet AS');
      expect(JSON.stringify(delivered.to)).to.contain(w.trainer.email);
    });

    it('when the company edits or submits again while the strategy is under review, then 409', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      expect((await saveSection(w.agents.owner, w.id, 'current-situation', { customers: 'Endret' })).status).to.equal(409);
      expect((await submit(w.agents.owner, w.id)).status).to.equal(409);
      expect(await StrategyVersion.countDocuments({ strategyId: w.id })).to.equal(6);
    });
  });

  describe('review', () => {
    it('when a participant tries to approve, then 403 and nothing changes', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      expect((await decide(w.agents.owner, w.id, 'approve')).status).to.equal(403);
      expect(await statusOf(w.id)).to.equal('submitted');
    });

    it('when a trainer of another cohort comments or approves, then 404 and nothing changes', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      const stranger = await makeAccount({ roles: ['trainer'] });
      await makeCohort({ gardenId: w.garden._id, trainerIds: [stranger._id], title: 'Annen kursrekke' });
      const agent = await agentFor(t.app, stranger);
      expect((await decide(agent, w.id, 'approve')).status).to.equal(404);
      expect((await decide(agent, w.id, 'comment', { 'comment-current-situation': 'Hei' })).status).to.equal(404);
      expect((await agent.get(`/strategies/${w.id}/review`)).status).to.equal(404);
      expect(await statusOf(w.id)).to.equal('submitted');
      expect(await StrategyComment.countDocuments()).to.equal(0);
    });

    it('when the garden coordinator (who may read it) tries to approve, then 403', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      await w.agents.coordinator.get(`/strategies/${w.id}`).expect(200);
      expect((await decide(w.agents.coordinator, w.id, 'approve')).status).to.equal(403);
    });

    it('when the trainer comments on a draft, then 409', async () => {
      const w = await written();
      expect((await decide(w.agents.trainer, w.id, 'comment', { 'comment-current-situation': 'For tidlig' })).status).to.equal(409);
    });

    it('when the trainer requests changes with a comment, then the company sees it beside its text and is emailed', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      const response = await decide(w.agents.trainer, w.id, 'changes', { 'comment-current-situation': 'Skriv mer om vinterkundene.' });
      expect(response.status).to.equal(302);
      expect(await statusOf(w.id)).to.equal('changes_requested');
      const page = await w.agents.owner.get(`/strategies/${w.id}`).expect(200);
      const section = page.text.slice(page.text.indexOf('id="section-current-situation"'), page.text.indexOf('id="section-visibility-objectives"'));
      expect(section).to.contain('Hyttefolk og turister om sommeren.').and.contain('Skriv mer om vinterkundene.').and.contain('Trond Trener');
      const form = await w.agents.owner.get(`/strategies/${w.id}/sections/current-situation`).expect(200);
      expect(form.text).to.contain('Skriv mer om vinterkundene.');
      expect(await OutboxMessage.countDocuments({ template: 'strategy-changes-requested' })).to.equal(2);
    });

    it('when the company revises and resubmits and the trainer approves, then it is approved, recorded at each step, and editing is refused', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      await decide(w.agents.trainer, w.id, 'changes', { 'comment-current-situation': 'Mer, takk.' });
      expect((await saveSection(w.agents.owner, w.id, 'current-situation', { customers: 'Hyttefolk, turister og vinterkunder.' })).status).to.equal(302);
      expect((await submit(w.agents.owner, w.id)).status).to.equal(302);
      expect((await decide(w.agents.trainer, w.id, 'approve')).status).to.equal(302);
      const strategy = await Strategy.findById(w.id).lean();
      expect(strategy).to.include({ status: 'approved', approvedVersion: 7 });
      const steps = await StrategyTransition.find({ strategyId: w.id }).sort({ seq: 1 }).lean();
      expect(steps.map((s) => `${s.from}>${s.to}`)).to.deep.equal(['draft>submitted', 'submitted>changes_requested', 'changes_requested>submitted', 'submitted>approved']);
      expect(steps.map((s) => String(s.by))).to.deep.equal([w.owner, w.trainer, w.owner, w.trainer].map((p) => String(p._id)));
      expect(await OutboxMessage.countDocuments({ template: 'strategy-approved' })).to.equal(2);

      const edit = await saveSection(w.agents.owner, w.id, 'current-situation', { customers: 'Etter godkjenning' });
      expect(edit.status).to.equal(409);
      expect(edit.text).to.contain('Strategien er godkjent og kan ikke endres');
      expect((await submit(w.agents.owner, w.id)).status).to.equal(409);
      expect(await StrategyVersion.countDocuments({ strategyId: w.id })).to.equal(7);
    });

    it('when the trainer reopens an approved strategy, then changes are requested again, the company is emailed and may edit', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      await decide(w.agents.trainer, w.id, 'approve');
      expect((await post(w.agents.owner, `/strategies/${w.id}`, `/strategies/${w.id}/reopen`, {})).status).to.equal(403);
      expect((await post(w.agents.trainer, `/strategies/${w.id}`, `/strategies/${w.id}/reopen`, {})).status).to.equal(302);
      expect(await statusOf(w.id)).to.equal('changes_requested');
      expect(await OutboxMessage.countDocuments({ template: 'strategy-reopened' })).to.equal(2);
      expect((await saveSection(w.agents.owner, w.id, 'current-situation', { customers: 'Gjenåpnet' })).status).to.equal(302);
      expect((await post(w.agents.trainer, `/strategies/${w.id}`, `/strategies/${w.id}/reopen`, {})).status).to.equal(409);
    });

    it('when a strategy was handed in with empty sections, then approval is refused naming them, while a request for changes works', async () => {
      const w = await submittedIncomplete();
      const trainer = toAccountView(w.trainer);
      const refused = await reviewService().review(trainer, w.id, { decision: 'approve', comments: [] }).then(() => undefined, (error: unknown) => error);
      expect(refused).to.be.instanceOf(IncompleteStrategyError);
      expect((refused as IncompleteStrategyError).sections).to.have.length(5);
      expect(await statusOf(w.id)).to.equal('submitted');
      expect(await StrategyTransition.countDocuments({ strategyId: w.id })).to.equal(1);
      await reviewService().review(trainer, w.id, { decision: 'changes', comments: [] });
      expect(await statusOf(w.id)).to.equal('changes_requested');
    });

    it('when the trainer approves a strategy with empty sections, then the review page says which, keeps the comment and stores nothing', async () => {
      const w = await submittedIncomplete();
      const response = await decide(w.agents.trainer, w.id, 'approve', { 'comment-current-situation': 'Fin start, men resten mangler.' });
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Strategien kan ikke godkjennes før alle de seks delene er skrevet. Ikke skrevet ennå: Mål for digital synlighet, Kanaler og innhold, Salg og netthandel, Verktøy og sikkerhet, Handlingsplan og ekstern kompetanse.');
      expect(response.text).to.contain('>Fin start, men resten mangler.</textarea>');
      expect(await statusOf(w.id)).to.equal('submitted');
      expect(await StrategyComment.countDocuments()).to.equal(0);
    });

    it('when the trainer approves and requests changes at the same moment, then exactly one decision is recorded', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      const review = reviewService();
      const trainer = toAccountView(w.trainer);
      const results = await Promise.allSettled([
        review.review(trainer, w.id, { decision: 'approve', comments: [] }),
        review.review(trainer, w.id, { decision: 'changes', comments: [] }),
      ]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).to.have.length(1);
      expect((refused[0] as PromiseRejectedResult).reason).to.be.instanceOf(ConflictError);
      expect(await StrategyTransition.countDocuments({ strategyId: w.id })).to.equal(2);
      const last = await StrategyTransition.findOne({ strategyId: w.id, seq: 2 }).lean();
      expect(await statusOf(w.id)).to.equal(last!.to);
    });
  });

  describe('a decision cut off half-way', () => {
    it('when a request stopped after recording an approval but before applying it, then the next decision finishes it, the company is told once, and later decisions work', async () => {
      const w = await written();
      await submit(w.agents.owner, w.id);
      const latest = await StrategyVersion.findOne({ strategyId: w.id }).sort({ version: -1 }).lean();
      // What a request that died between its two writes leaves behind: the step recorded, the strategy unchanged.
      await StrategyTransition.create({ strategyId: w.id, seq: 2, from: 'submitted', to: 'approved', by: w.trainer._id, at: new Date(), approvedVersion: latest!.version });
      expect(await statusOf(w.id)).to.equal('submitted');

      expect((await decide(w.agents.trainer, w.id, 'changes')).status).to.equal(409);
      const finished = (await Strategy.findById(w.id).lean())!;
      expect(finished).to.include({ status: 'approved', transitionCount: 2, approvedVersion: latest!.version });
      expect((await decide(w.agents.trainer, w.id, 'changes')).status).to.equal(409);
      // Finished twice over, yet each person of the company has one approval email.
      const approved = await OutboxMessage.find({ template: 'strategy-approved' }).lean();
      expect(approved).to.have.length.above(0);
      expect(new Set(approved.map((m) => m.to)).size).to.equal(approved.length);

      expect((await post(w.agents.trainer, `/strategies/${w.id}`, `/strategies/${w.id}/reopen`, {})).status).to.equal(302);
      expect(await statusOf(w.id)).to.equal('changes_requested');
    });
  });

  describe('self-paced strategies', () => {
    it('when the company\'s garden coordinator assigns a trainer, then that trainer reviews it and another trainer gets 404', async () => {
      const coordinator = await makeAccount({ roles: ['coordinator'] });
      const company = await makeCompany({ name: 'Nettbutikken AS' });
      const owner = await makeAccount({ companyId: company._id });
      // The company is the garden's through a cohort it is enrolled in (reviewer-assignment.test.ts has the other cases).
      const cohort = await makeCohort({ gardenId: (await makeGarden({ coordinatorIds: [coordinator._id] }))._id });
      await Enrolment.create({ cohortId: cohort._id, companyId: company._id, status: 'enrolled', participantIds: [owner._id] });
      await CourseEnrolment.create({ companyId: company._id, courseSlug: 'digital-strategy' });
      const ownerAgent = await agentFor(t.app, owner);
      const started = await post(ownerAgent, '/strategy', '/strategy/start', { courseSlug: 'digital-strategy' });
      const id = /strategies\/([0-9a-f]{24})/.exec(started.headers.location!)![1]!;
      await writeSections(ownerAgent, id);
      await post(ownerAgent, `/strategies/${id}`, `/strategies/${id}/submit`, {});

      const assigned = await makeAccount({ roles: ['trainer'], name: 'Tildelt Trener' });
      const other = await makeAccount({ roles: ['trainer'] });
      const coordinatorAgent = await agentFor(t.app, coordinator);
      const list = await coordinatorAgent.get('/strategy-reviewers').expect(200);
      expect(list.text).to.contain('Nettbutikken AS').and.contain('Tildelt Trener');
      expect((await post(coordinatorAgent, '/strategy-reviewers', `/strategy-reviewers/${id}`, { trainerId: String(assigned._id) })).status).to.equal(302);

      expect((await decide(await agentFor(t.app, other), id, 'approve')).status).to.equal(404);
      const assignedAgent = await agentFor(t.app, assigned);
      expect((await assignedAgent.get('/reviews').expect(200)).text).to.contain('Nettbutikken AS');
      expect((await decide(assignedAgent, id, 'approve')).status).to.equal(302);
      expect(await statusOf(id)).to.equal('approved');
      expect((await ownerAgent.get('/strategy-reviewers')).status).to.equal(403);
      // The lists are cached (lists.ts): the assignment and the approval show on the next view.
      const after = (await coordinatorAgent.get('/strategy-reviewers').expect(200)).text;
      expect(after).to.contain(`<option value="${String(assigned._id)}" selected>`).and.contain('Godkjent');
      expect((await (await agentFor(t.app, other)).get('/reviews').expect(200)).text).to.not.contain('Nettbutikken AS');
    });
  });
});
