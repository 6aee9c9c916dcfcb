import { expect } from 'chai';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { ImportJob, ImportRow } from '../../src/imports/import.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, orgNumber } from '../support/fixtures.js';
import { coordinatorWithCohort, csv, previewCsv, rowText } from './support.js';

describe('imports', () => {
  describe('preview', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    it('when lines have a bad organisation number, a shared email, missing or malformed values, then each is an error naming its line', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const [a, b, e] = [orgNumber(1001), orgNumber(2002), orgNumber(3003)];
      const { html, jobId } = await previewCsv(agent, cohort._id, csv([
        ['orgnr', 'bedrift', 'navn', 'e-post'],
        [a, 'Bjørkli Gard', 'Ingrid Bjørkli', 'ingrid@bjorkli.no'],
        ['123456789', 'Feil AS', 'Per Feil', 'per@feil.no'],
        [b, 'Kafé Frøya', 'Ola', 'Felles@kafe.no'],
        [b, 'Kafé Frøya', 'Kari', 'kari@kafe.no'],
        [b, 'Kafé Frøya', 'Nils', 'felles@kafe.no'],
        ['', 'Mangler AS', 'Nina', 'nina@mangler.no'],
        [e, 'Firma', 'Navnesen', 'ikke-en-adresse'],
      ]));

      expect(rowText(html, 2)).to.contain('Ny bedrift og ny person');
      expect(rowText(html, 3)).to.contain('Organisasjonsnummeret «123456789» er ikke gyldig');
      expect(rowText(html, 4)).to.contain('Samme e-post står også på linje 6.');
      expect(rowText(html, 6)).to.contain('Samme e-post står også på linje 4.');
      expect(rowText(html, 5)).to.contain('Ny bedrift og ny person').and.not.contain('linje');
      expect(rowText(html, 7)).to.contain('Organisasjonsnummer mangler.');
      expect(rowText(html, 8)).to.contain('E-postadressen «ikke-en-adresse» er ikke gyldig.');
      expect(html).to.contain('2 av 7 linjer kan importeres.');

      const rows = await ImportRow.find({ jobId }).sort({ line: 1 }).lean();
      expect(rows.map((r) => [r.line, r.state])).to.deep.equal([
        [2, 'pending'], [3, 'skipped'], [4, 'skipped'], [5, 'pending'], [6, 'skipped'], [7, 'skipped'], [8, 'skipped'],
      ]);
      expect((await ImportJob.findById(jobId).lean())?.status).to.equal('preview');
      expect(await Company.countDocuments()).to.equal(0);
      expect(await User.countDocuments()).to.equal(1);
    });

    it('when an email belongs to a person of another company, then that line is an error and the others link or create', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const registered = await makeCompany({ name: 'Røros Gjestegård' });
      const other = await makeCompany();
      await makeAccount({ email: 'per@roros.no', companyId: registered._id });
      await makeAccount({ email: 'siri@annen.no', companyId: other._id });
      const { html } = await previewCsv(agent, cohort._id, csv([
        ['org_number', 'company', 'name', 'email'],
        [registered.orgNumber, 'Røros Gjestegård', 'Per', 'per@roros.no'],
        [registered.orgNumber, 'Roros gjestegard', 'Siri', 'siri@annen.no'],
        [orgNumber(4004), 'Ny Bedrift', 'Ane', 'ane@ny.no'],
      ], ','));

      expect(rowText(html, 2)).to.contain('Kobles til registrert bedrift og person');
      expect(rowText(html, 3)).to.contain('siri@annen.no hører til en person i en annen bedrift.')
        .and.contain('Bedriften er registrert som «Røros Gjestegård»');
      expect(rowText(html, 4)).to.contain('Ny bedrift og ny person').and.contain('bedriften registreres i Oppdal');
    });

    it('when a company has more people than the cohort allows, then only the extra lines are errors', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const company = await makeCompany();
      const enrolled = await makeAccount({ companyId: company._id });
      await Enrolment.create({ cohortId: cohort._id, companyId: company._id, status: 'enrolled', participantIds: [enrolled._id] });
      const { html } = await previewCsv(agent, cohort._id, csv([
        ['orgnr', 'firma', 'navn', 'epost'],
        [company.orgNumber, company.name, 'Allerede med', enrolled.email],
        [company.orgNumber, company.name, 'Nummer to', 'to@firma.no'],
        [company.orgNumber, company.name, 'Nummer tre', 'tre@firma.no'],
      ]));
      expect(rowText(html, 2)).to.not.contain('høyst');
      expect(rowText(html, 3)).to.not.contain('høyst');
      expect(rowText(html, 4)).to.contain('Bedriften kan ha høyst 2 deltakere i kursrekken.');
    });

    it('when the page is asked for in English, then the problems are in English', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      await agent.get('/lang/en?next=/').expect(302);
      const { html } = await previewCsv(agent, cohort._id, csv([['orgnr', 'bedrift', 'navn', 'e-post'], ['923609017', 'X', 'Y', 'y@x.no']]));
      expect(rowText(html, 2)).to.contain('The organisation number “923609017” is not valid');
    });
  });
});
