import { expect } from 'chai';
import { MaturityAssessment } from '../../src/strategies/maturity/assessment.model.js';
import { maturityChartSvg } from '../../src/strategies/maturity/chart.js';
import { bandOf, QUESTIONS, scoreAnswers } from '../../src/strategies/maturity/maturity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { Agent } from '../support/http.js';
import { agentFor, cohortWorld, post, startStrategy } from './fixtures.js';

/** Answers by dimension, three each, in question order. */
function answers(byDimension: Record<string, [number, number, number]>): Record<string, number> {
  return Object.fromEntries(QUESTIONS.map((q) => [q.id, byDimension[q.dimension]![Number(q.id.slice(-1)) - 1]!]));
}

const FIXED = answers({ strategy: [5, 4, 3], readiness: [2, 2, 2], people: [0, 1, 0], data: [5, 5, 5], automation: [0, 0, 0], green: [3, 2, 1] });

describe('strategies: digital maturity', () => {
  describe('scoring', () => {
    it('when a fixed set of answers is scored, then each dimension and the total match the hand-computed values', () => {
      // strategy 12/15 = 80; readiness 6/15 = 40; people 1/15 = 6.67; data 100; automation 0; green 6/15 = 40.
      // Total: (80 + 40 + 6.667 + 100 + 0 + 40) / 6 = 44.44 → 44.4, which is "average".
      const scores = scoreAnswers(FIXED);
      expect(scores.dimensions).to.deep.equal({ strategy: 80, readiness: 40, people: 6.7, data: 100, automation: 0, green: 40 });
      expect(scores.overall).to.equal(44.4);
      expect(scores.band).to.equal('average');
    });

    it('when every answer is 5 or every answer is 0, then the total is 100 (advanced) or 0 (basic)', () => {
      expect(scoreAnswers(Object.fromEntries(QUESTIONS.map((q) => [q.id, 5])))).to.include({ overall: 100, band: 'advanced' });
      expect(scoreAnswers(Object.fromEntries(QUESTIONS.map((q) => [q.id, 0])))).to.include({ overall: 0, band: 'basic' });
    });

    it('when scores sit on the band thresholds, then < 26 is basic, < 51 average, < 76 moderately advanced, else advanced', () => {
      expect([25.9, 26, 50.9, 51, 75.9, 76].map(bandOf)).to.deep.equal(['basic', 'average', 'average', 'moderate', 'moderate', 'advanced']);
    });

    it('when an answer is missing or out of range, then scoring refuses', () => {
      const { strategy1: _dropped, ...missing } = FIXED;
      expect(() => scoreAnswers(missing)).to.throw(RangeError);
      expect(() => scoreAnswers({ ...FIXED, green1: 6 })).to.throw(RangeError);
    });
  });

  describe('chart', () => {
    it('when two stages are drawn, then the SVG has a title, a description, text labels and escaped text', () => {
      const svg = maturityChartSvg({
        id: 'c', title: 'Modenhet <per> område', desc: 'T0 & T1', series: ['T0', 'T1'], missing: '–', changeHeading: 'Endring', ticks: [0, 26, 51, 76, 100],
        rows: [{ label: 'Data & sikkerhet', values: [40, 73.3], change: '+33,3' }], format: (v) => String(v).replace('.', ','),
      });
      expect(svg).to.match(/^<svg [^>]*role="img"[^>]*aria-labelledby="c-title c-desc"/);
      expect(svg).to.contain('<title id="c-title">Modenhet &#60;per&#62; område</title>').and.contain('<desc id="c-desc">T0 &#38; T1</desc>');
      expect(svg).to.contain('>Data &#38; sikkerhet</text>').and.contain('>73,3</text>').and.contain('>+33,3</text>');
      expect(svg).not.to.contain('style=');
    });
  });

  describe('self-assessment', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    const answer = (agent: Agent, id: string, stage: string, values: Record<string, number>) =>
      post(agent, `/strategies/${id}/maturity`, `/strategies/${id}/maturity/${stage}`, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));

    it('when the company answers T0 before the last session and T1 after it, then the change per dimension is shown in an SVG chart', async () => {
      const w = await cohortWorld({ endedDaysAgo: -7 });
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      expect((await answer(agent, id, 'T0', FIXED)).status).to.equal(302);
      const t0 = await MaturityAssessment.findOne({ strategyId: id, stage: 'T0' }).lean();
      expect(t0).to.include({ overall: 44.4, band: 'average' });

      const early = await answer(agent, id, 'T1', FIXED);
      expect(early.status).to.equal(409);
      t.clock.advanceMinutes(8 * 24 * 60);
      const later = answers({ strategy: [5, 5, 4], readiness: [3, 3, 2], people: [2, 1, 1], data: [5, 5, 5], automation: [1, 1, 0], green: [3, 2, 1] });
      expect((await answer(agent, id, 'T1', later)).status).to.equal(302);
      // T1: 93.3, 53.3, 26.7, 100, 13.3, 40 → total 54.4 (moderately advanced).
      expect(await MaturityAssessment.findOne({ strategyId: id, stage: 'T1' }).lean()).to.include({ overall: 54.4, band: 'moderate' });

      const page = await agent.get(`/strategies/${id}/maturity`).expect(200);
      expect(page.text).to.match(/<svg [^>]*role="img"/).and.contain('<title id="maturity-chart-title">Digital modenhet per område</title>');
      expect(page.text).to.contain('>Digital forretningsstrategi</text>').and.contain('>+13,3</text>').and.contain('>+10</text>');
      expect(page.text).to.contain('<td>44,4</td><td>54,4</td><td>+10</td>');
      expect((await answer(agent, id, 'T0', FIXED)).status).to.equal(409);
    });

    it('when an answer is missing, then the questionnaire comes back with the answers given and a message', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      const { green3: _missing, ...partial } = FIXED;
      const response = await answer(agent, id, 'T0', partial);
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Velg et svar på hvert spørsmål').and.contain('href="#green3"');
      expect(response.text).to.match(/name="strategy1" value="5" checked/);
      expect(await MaturityAssessment.countDocuments()).to.equal(0);
    });

    it('when six months have passed since T1, then T2 opens', async () => {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      await answer(agent, id, 'T1', FIXED);
      expect((await answer(agent, id, 'T2', FIXED)).status).to.equal(409);
      t.clock.advanceMinutes(183 * 24 * 60);
      expect((await answer(agent, id, 'T2', FIXED)).status).to.equal(302);
    });

    it('when the trainer of the cohort opens the questionnaire form, then 404; the overview is readable', async () => {
      const w = await cohortWorld();
      const owner = await agentFor(t.app, w.owner);
      const id = await startStrategy(owner, w.cohort._id);
      const trainer = await agentFor(t.app, w.trainer);
      await trainer.get(`/strategies/${id}/maturity`).expect(200);
      await trainer.get(`/strategies/${id}/maturity/T0`).expect(404);
    });
  });
});
