import type { ParsedMail } from 'mailparser';
import { expect } from 'chai';
import { trusted } from 'mongoose';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { ImportJob, ImportJobClaim, ImportRow } from '../../src/imports/import.model.js';
import { Enrolment, EnrolmentLog } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, orgNumber } from '../support/fixtures.js';
import { coordinatorWithCohort, csv, postJobAction, previewCsv, rowText, waitForResult } from './support.js';
import { outboxSettled } from '../support/outbox.js';

const HEADER = ['orgnr', 'bedrift', 'navn', 'e-post', 'kommune'];

/** The invitation to choose a password, as opposed to the enrolment confirmation the same people also get. */
const isInvite = (mail: ParsedMail) => mail.subject === 'Du er invitert til Digitale ettermiddager';

describe('imports', () => {
  describe('confirm', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    /** Two new companies with two people each, one line with an error, and a person for an enrolled company. */
    async function sampleFile() {
      const enrolledCompany = await makeCompany({ name: 'Selbu Strikkestue' });
      const owner = await makeAccount({ companyId: enrolledCompany._id, email: 'marit@selbu.no' });
      const [a, b] = [orgNumber(5005), orgNumber(6006)];
      const file = csv([
        HEADER,
        [a, 'Bjørkli Gard', 'Ingrid Bjørkli', 'ingrid@bjorkli.no', 'Oppdal'],
        [a, 'Bjørkli Gard', 'Ola Bjørkli', 'ola@bjorkli.no', 'Oppdal'],
        ['123456789', 'Feil AS', 'Per', 'per@feil.no', ''],
        [b, '"Kafé ""Frøya"""', 'Sunniva Strand', 'sunniva@kafe.no', 'Frøya'],
        [enrolledCompany.orgNumber, 'Selbu Strikkestue', 'Ny Kollega', 'kollega@selbu.no', ''],
      ]);
      return { file, a, b, enrolledCompany, owner };
    }

    it('when the coordinator confirms, then valid lines become companies, people and enrolments, and errors are reported', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { file, a, b, enrolledCompany, owner } = await sampleFile();
      await Enrolment.create({ cohortId: cohort._id, companyId: enrolledCompany._id, status: 'enrolled', participantIds: [owner._id] });
      const { jobPath } = await previewCsv(agent, cohort._id, file);

      const confirmed = await postJobAction(agent, jobPath, 'confirm');
      expect(confirmed.status).to.equal(302);
      const html = await waitForResult(agent, jobPath);

      const bjorkli = await Company.findOne({ orgNumber: a }).lean();
      const kafe = await Company.findOne({ orgNumber: b }).lean();
      expect(bjorkli).to.include({ name: 'Bjørkli Gard', municipality: 'Oppdal' });
      expect(kafe?.name).to.equal('Kafé "Frøya"');
      expect(await Company.countDocuments({ orgNumber: '123456789' })).to.equal(0);
      const ingrid = await User.findOne({ email: 'ingrid@bjorkli.no' }).lean();
      expect(ingrid?.roles).to.deep.equal(['participant']);
      expect(ingrid?.passwordHash).to.equal(undefined);
      expect(String(ingrid?.companyId)).to.equal(String(bjorkli?._id));
      const enrolment = await Enrolment.findOne({ cohortId: cohort._id, companyId: bjorkli!._id }).lean();
      expect(enrolment?.status).to.equal('enrolled');
      expect(enrolment?.participantIds).to.have.length(2);
      const selbu = await Enrolment.findOne({ cohortId: cohort._id, companyId: enrolledCompany._id }).lean();
      expect(selbu?.participantIds).to.have.length(2);
      expect((await ImportJob.findOne().lean())?.status).to.equal('done');

      expect(rowText(html, 4)).to.contain('Hoppet over').and.contain('«123456789» er ikke gyldig');
      expect(rowText(html, 2)).to.contain('Importert').and.contain('bedriften er opprettet');
      expect(rowText(html, 6)).to.contain('lagt til som deltaker');
      expect(html).to.contain('4 linjer er importert.').and.contain('Glemt passordet?');
      const mail = await t.smtp.waitFor((m) => isInvite(m) && JSON.stringify(m.to).includes('sunniva@kafe.no'));
      expect(mail.text).to.contain('Kari Koordinator').and.contain('/password/choose/');
    });

    it('when the same job is confirmed twice, then the second changes nothing and says it has started', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { file } = await sampleFile();
      const { jobPath } = await previewCsv(agent, cohort._id, file);
      await postJobAction(agent, jobPath, 'confirm');
      await waitForResult(agent, jobPath);
      const before = { companies: await Company.countDocuments(), users: await User.countDocuments(), enrolments: await Enrolment.countDocuments() };

      const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get(jobPath)).text)![1];
      const again = await postJobAction(agent, jobPath, 'confirm', token);
      expect(again.status).to.equal(302);
      expect((await agent.get(jobPath)).text).to.contain('Importen er allerede startet.');
      expect({ companies: await Company.countDocuments(), users: await User.countDocuments(), enrolments: await Enrolment.countDocuments() }).to.deep.equal(before);
      expect(await ImportJobClaim.countDocuments()).to.equal(1);
    });

    it('when five confirmations of one job arrive at once, then exactly one import runs and nothing is duplicated', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { file, a, b } = await sampleFile();
      const { jobPath, html } = await previewCsv(agent, cohort._id, file);
      const token = /name="_csrf" value="([^"]+)"/.exec(html)![1];

      const responses = await Promise.all(Array.from({ length: 5 }, () => postJobAction(agent, jobPath, 'confirm', token)));
      expect(responses.map((r) => r.status)).to.deep.equal([302, 302, 302, 302, 302]);
      await waitForResult(agent, jobPath);

      expect(await ImportJobClaim.countDocuments()).to.equal(1);
      for (const org of [a, b]) expect(await Company.countDocuments({ orgNumber: org })).to.equal(1);
      expect(await User.countDocuments({ email: 'ingrid@bjorkli.no' })).to.equal(1);
      const companies = await Company.find({ orgNumber: trusted({ $in: [a, b] }) }).lean();
      expect(companies).to.have.length(2);
      for (const company of companies) {
        expect(await Enrolment.countDocuments({ companyId: company._id })).to.equal(1);
        expect(await EnrolmentLog.countDocuments({ companyId: company._id, change: 'enrolled' })).to.equal(1);
      }
      expect(await ImportRow.countDocuments({ state: 'done' })).to.equal(4);
      // A second worker would have invited the same people again.
      await outboxSettled(t.clock.now());
      const invitesTo = (email: string) => t.smtp.messages.filter((m) => isInvite(m) && JSON.stringify(m.to).includes(email)).length;
      expect(['ingrid@bjorkli.no', 'ola@bjorkli.no', 'sunniva@kafe.no'].map(invitesTo)).to.deep.equal([1, 1, 1]);
    });

    it('when the same file is imported again as a new job, then every line links and nothing new is created', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { file } = await sampleFile();
      const first = await previewCsv(agent, cohort._id, file);
      await postJobAction(agent, first.jobPath, 'confirm');
      await waitForResult(agent, first.jobPath);
      const count = async () => ({
        companies: await Company.countDocuments(), users: await User.countDocuments(), enrolments: await Enrolment.countDocuments(),
        logs: await EnrolmentLog.countDocuments(), invites: t.smtp.messages.filter(isInvite).length,
        participants: (await Enrolment.find().lean()).map((e) => e.participantIds.length).sort(),
      });
      await t.smtp.waitFor((m) => isInvite(m) && JSON.stringify(m.to).includes('kollega@selbu.no'));
      const before = await count();

      const second = await previewCsv(agent, cohort._id, file);
      expect(rowText(second.html, 2)).to.contain('Kobles til registrert bedrift og person');
      await postJobAction(agent, second.jobPath, 'confirm');
      const html = await waitForResult(agent, second.jobPath);

      expect(html).to.contain('0 nye bedrifter.').and.contain('0 nye personer.');
      expect(await count()).to.deep.equal(before);
    });
  });
});
