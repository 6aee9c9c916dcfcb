import { expect } from 'chai';
import { renderPdf, winAnsi } from '../../src/strategies/export/pdf.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { Agent } from '../support/http.js';
import { agentFor, cohortWorld, pdfText, saveSection, startStrategy } from './fixtures.js';

/** Collects a binary response body as a Buffer. */
const binary = (agent: Agent, path: string) => agent.get(path).buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

describe('strategies: export', () => {
  describe('pdf text', () => {
    it('when text holds æ ø å and signs outside WinAnsi, then the Norwegian letters stay and the rest becomes look-alikes or "?"', () => {
      expect(winAnsi('Blåbær på Røros – 12\u202f000 kr ≥ 5 € «bra»')).to.equal('Blåbær på Røros – 12 000 kr ? 5 € «bra»');
    });

    it('when a PDF is rendered uncompressed, then its text streams hold the Norwegian text in WinAnsi', async () => {
      const pdf = await renderPdf({ title: 'Ærlig Østfold Ål', lines: [], blocks: [], footer: 'f' }, { compress: false });
      // Æ, Ø and Å are single WinAnsi bytes (c6, d8, c5) in the hex strings of the text operators.
      expect(pdf.toString('latin1')).to.match(/<c6726c696720d8737466>/).and.match(/20c56c>/);
      expect(pdfText(pdf)).to.contain('Ærlig Østfold Ål');
    });
  });

  describe('downloads and printable pages', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    async function strategyWithBrief() {
      const w = await cohortWorld();
      const agent = await agentFor(t.app, w.owner);
      const id = await startStrategy(agent, w.cohort._id);
      await saveSection(agent, id, 'visibility-objectives', {
        'what-0': 'Flere anmeldelser på Google', 'measure-0': 'Bedriftsprofilen', 'today-0': '12', 'target-0': '40', 'byWhen-0': '2027-06',
        'what-1': 'Bestillinger gjort på nett', 'today-1': '5 i måneden', 'target-1': '30 i måneden', 'byWhen-1': '2027-12',
      });
      await saveSection(agent, id, 'action-plan', {
        intro: 'Bli funnet av hyttefolk.', 'action-0': 'Ny nettside med booking', 'owner-0': 'Åse', 'month-0': '2027-03', 'cost-0': '25000',
        'action-1': 'Kurs i sosiale medier', 'owner-1': 'Bjørn', 'month-1': '2027-04', 'cost-1': '3500',
        order: 'Enkel nettside med timebestilling og betaling.', goals: 'Halvparten av bestillingene på nett innen ett år.', budget: '30 000–40 000 kr', deadline: '2027-05-01',
      });
      return { ...w, agent, id };
    }

    it('when the company downloads the strategy, then it is a valid PDF holding its objectives and actions', async () => {
      const w = await strategyWithBrief();
      const response = await binary(w.agent, `/strategies/${w.id}/strategy.pdf`).expect(200);
      expect(response.headers['content-type']).to.equal('application/pdf');
      expect(response.headers['content-disposition']).to.contain('attachment; filename="strategi-fjellbakeriet-as.pdf"');
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      expect(pdf.subarray(-8).toString('latin1')).to.contain('%%EOF');
      const text = pdfText(pdf);
      expect(text).to.contain('Flere anmeldelser på Google').and.contain('Bestillinger gjort på nett').and.contain('juni 2027');
      expect(text).to.contain('Ny nettside med booking').and.contain('Åse').and.contain('Leverandørbrief');
    });

    it('when the company downloads the supplier brief, then it holds what to order, goals, budget, deadline and the objectives', async () => {
      const w = await strategyWithBrief();
      const pdf = (await binary(w.agent, `/strategies/${w.id}/brief.pdf`).expect(200)).body as Buffer;
      const text = pdfText(pdf);
      expect(text).to.contain('Enkel nettside med timebestilling og betaling.').and.contain('30 000–40 000 kr').and.contain('1. mai 2027');
      expect(text).to.contain('Fjellbakeriet AS, Oppdal.').and.contain('Flere anmeldelser på Google');
    });

    it('when the printable pages are opened, then they hold the whole strategy, the action costs summed, and the brief', async () => {
      const w = await strategyWithBrief();
      const print = await w.agent.get(`/strategies/${w.id}/print`).expect(200);
      expect(print.text).to.contain('class="print-doc"').and.contain('Flere anmeldelser på Google').and.contain('Kurs i sosiale medier');
      expect(print.text).to.match(/28[\s\u00a0\u202f]500[\s\u00a0]kr/);
      const brief = await w.agent.get(`/strategies/${w.id}/brief`).expect(200);
      expect(brief.text).to.contain('Enkel nettside med timebestilling og betaling.').and.not.contain('Kurs i sosiale medier');
    });
  });
});
