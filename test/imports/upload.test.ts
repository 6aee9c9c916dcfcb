import { expect } from 'chai';
import { ImportJob } from '../../src/imports/import.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { coordinatorWithCohort, uploadFile } from './support.js';

describe('imports', () => {
  describe('upload', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    it('when the file is binary although named .csv, then it is refused with a message and no job is made', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const bytes = Buffer.concat([Buffer.from('orgnr;bedrift;navn;e-post\n'), Buffer.from([0x00, 0xff, 0x10, 0x00, 0x42])]);
      const response = await uploadFile(agent, cohort._id, bytes, 'deltakere.csv');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Filen er ikke en tekstfil. Lagre listen som CSV og prøv igjen.');
      expect(await ImportJob.countDocuments()).to.equal(0);
    });

    it('when the file is an Excel workbook, then the message says how to save it as CSV', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const response = await uploadFile(agent, cohort._id, Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'), 'liste.xlsx');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('CSV UTF-8');
    });

    it('when the file is larger than 1 MB, then it is refused with 413 and the limit', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const response = await uploadFile(agent, cohort._id, 'orgnr;bedrift;navn;e-post\n' + 'x'.repeat(1024 * 1024 + 10));
      expect(response.status).to.equal(413);
      expect(response.text).to.contain('høyst 1024 kB');
      expect(await ImportJob.countDocuments()).to.equal(0);
    });

    it('when a column is missing or a quote is left open, then the message says which column or line', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const missing = await uploadFile(agent, cohort._id, 'orgnr;bedrift;navn\n923609016;Gard;Kari\n');
      expect(missing.status).to.equal(400);
      expect(missing.text).to.contain('Filen mangler kolonner: e-post / epost / email.');
      const open = await uploadFile(agent, cohort._id, 'orgnr;bedrift;navn;e-post\n923609016;"Gard;Kari;k@g.no\n');
      expect(open.text).to.contain('Et anførselstegn som begynner på linje 2, blir aldri avsluttet.');
    });
  });
});
