import { expect } from 'chai';
import type { Types } from 'mongoose';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { ImportJob, ImportJobClaim, ImportRow } from '../../src/imports/import.model.js';
import { claimImport, processRows } from '../../src/imports/run.js';
import { DomainEvents } from '../../src/shared/events.js';
import { Enrolment, EnrolmentLog } from '../../src/workshops/enrolment.model.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { orgNumber } from '../support/fixtures.js';
import { coordinatorWithCohort, csv, postJobAction, previewCsv, waitForResult } from './support.js';

describe('imports', () => {
  describe('resume', () => {
    let t: TestApp;
    const now = () => new Date();
    const deps = { enrolment: createEnrolmentService({ events: new DomainEvents(), now }), now };
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    /** Eight companies with one or two people each (12 lines), plus one line with an error. */
    function bigFile() {
      const rows = [['orgnr', 'bedrift', 'navn', 'e-post']];
      for (let c = 0; c < 8; c += 1) {
        for (let p = 0; p < (c % 2 ? 2 : 1); p += 1) rows.push([orgNumber(7000 + c * 10), `Bedrift ${c}`, `Person ${c}-${p}`, `p${c}-${p}@bedrift${c}.no`]);
      }
      rows.push(['111111112', 'Feil', 'Feil', 'feil@feil.no']);
      return csv(rows);
    }

    async function expectEveryValidLineImportedOnce(cohortId: Types.ObjectId, jobId: string) {
      for (let c = 0; c < 8; c += 1) {
        const companies = await Company.find({ orgNumber: orgNumber(7000 + c * 10) }).lean();
        expect(companies, `company ${c}`).to.have.length(1);
        const enrolments = await Enrolment.find({ cohortId, companyId: companies[0]!._id }).lean();
        expect(enrolments, `enrolment ${c}`).to.have.length(1);
        expect(enrolments[0]!.participantIds, `participants ${c}`).to.have.length(c % 2 ? 2 : 1);
        expect(await EnrolmentLog.countDocuments({ companyId: companies[0]!._id, change: 'enrolled' })).to.equal(1);
      }
      expect((await User.find().lean()).filter((u) => u.email.includes('@bedrift'))).to.have.length(12);
      expect(await ImportRow.countDocuments({ jobId, state: 'done' })).to.equal(12);
      expect(await ImportRow.countDocuments({ jobId, state: 'skipped' })).to.equal(1);
      expect((await ImportJob.findById(jobId).lean())?.status).to.equal('done');
    }

    it('when the worker stops halfway and the coordinator resumes, then every valid line is imported exactly once', async () => {
      const { agent, cohort, coordinator } = await coordinatorWithCohort(t);
      const { jobPath, jobId } = await previewCsv(agent, cohort._id, bigFile());

      // The first worker imports six lines and dies; the seventh line's company was created just before it died.
      const lease = await claimImport(jobId, now(), coordinator._id);
      expect(await processRows(lease!, deps, { maxRows: 6 })).to.equal('stopped');
      const seventh = await ImportRow.findOne({ jobId, state: 'pending' }).sort({ line: 1 }).lean();
      await Company.create({ name: seventh!.companyName, orgNumber: seventh!.orgNumber, municipality: 'Oppdal', sector: 'other', employees: 0 });

      // Within 30 seconds of the last heartbeat the job counts as running: no resume, the page refreshes.
      const running = await agent.get(jobPath).expect(200);
      expect(running.text).to.contain('http-equiv="refresh"').and.contain('6 av 12 linjer er ferdige.');
      await postJobAction(agent, jobPath, 'resume', /name="_csrf" value="([^"]+)"/.exec((await agent.get('/dashboard')).text)![1]);
      expect(await ImportJobClaim.countDocuments({ jobId })).to.equal(1);

      t.clock.advanceMinutes(1);
      const stalled = await agent.get(jobPath).expect(200);
      expect(stalled.text).to.contain('Importen stoppet før den var ferdig').and.not.contain('http-equiv="refresh"');
      expect((await postJobAction(agent, jobPath, 'resume')).status).to.equal(302);
      t.clock.advanceMinutes(-1);
      await waitForResult(agent, jobPath);

      expect(await ImportJobClaim.countDocuments({ jobId })).to.equal(2);
      await expectEveryValidLineImportedOnce(cohort._id, jobId);
    });

    it('when five workers claim one job at once, to confirm and then to resume it, then exactly one gets each', async () => {
      const { agent, cohort, coordinator } = await coordinatorWithCohort(t);
      const { jobId } = await previewCsv(agent, cohort._id, bigFile());
      const claimAll = (at: Date) => Promise.all(Array.from({ length: 5 }, () => claimImport(jobId, at, coordinator._id)));

      const confirmed = (await claimAll(now())).filter((lease) => lease !== undefined);
      expect(confirmed.map((lease) => lease.attempt)).to.deep.equal([1]);
      const resumed = (await claimAll(new Date(Date.now() + 60_000))).filter((lease) => lease !== undefined);
      expect(resumed.map((lease) => lease.attempt)).to.deep.equal([2]);
      expect(await ImportJobClaim.countDocuments({ jobId })).to.equal(2);
    });

    it('when the old worker wakes after a resume, then it stops instead of working beside the new one', async () => {
      const { agent, cohort, coordinator } = await coordinatorWithCohort(t);
      const { jobId } = await previewCsv(agent, cohort._id, bigFile());
      const first = await claimImport(jobId, now(), coordinator._id);
      await processRows(first!, deps, { maxRows: 3 });

      const later = new Date(Date.now() + 60_000);
      const second = await claimImport(jobId, later, coordinator._id);
      expect(second?.attempt).to.equal(2);
      expect(await claimImport(jobId, later, coordinator._id)).to.equal(undefined);
      expect(await processRows(first!, deps)).to.equal('lost');
      expect(await processRows(second!, deps)).to.equal('done');
      await expectEveryValidLineImportedOnce(cohort._id, jobId);
    });
  });
});
