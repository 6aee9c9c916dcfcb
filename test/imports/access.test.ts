import { expect } from 'chai';
import { ImportJob, ImportJobClaim } from '../../src/imports/import.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { signIn, type Agent } from '../support/http.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';
import { coordinatorWithCohort, csv, importPath, previewCsv } from './support.js';

const FILE = csv([['orgnr', 'bedrift', 'navn', 'e-post'], ['923609016', 'Gard', 'Kari', 'kari@gard.no']]);

describe('imports', () => {
  describe('access', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    /** Every import page and action, as someone who does not manage the cohort; each must answer 403. */
    async function expectRefusedEverywhere(outsider: Agent, cohortId: unknown, jobPath: string) {
      const token = /name="_csrf" value="([^"]+)"/.exec((await outsider.get('/dashboard')).text)![1]!;
      await outsider.get(importPath(String(cohortId))).expect(403);
      const upload = await outsider.post(`${importPath(String(cohortId))}?_csrf=${token}`).attach('file', Buffer.from(FILE), 'a.csv');
      expect(upload.status).to.equal(403);
      await outsider.get(jobPath).expect(403);
      for (const action of ['confirm', 'resume']) {
        const response = await outsider.post(`${jobPath}/${action}`).type('form').send({ _csrf: token });
        expect(response.status, action).to.equal(403);
      }
      expect(await ImportJob.countDocuments()).to.equal(1);
      expect(await ImportJobClaim.countDocuments()).to.equal(0);
    }

    it('when a participant opens or posts to the import pages, then each answers 403 and nothing starts', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { jobPath } = await previewCsv(agent, cohort._id, FILE);
      const participant = await makeAccount({ companyId: (await makeCompany())._id });
      await expectRefusedEverywhere(await signIn(t.app, participant.email, PASSWORD), cohort._id, jobPath);
    });

    it('when a coordinator of another garden opens or posts to the import pages, then each answers 403 and nothing starts', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { jobPath } = await previewCsv(agent, cohort._id, FILE);
      const stranger = await makeAccount({ roles: ['coordinator'] });
      await makeGarden({ coordinatorIds: [stranger._id] });
      await expectRefusedEverywhere(await signIn(t.app, stranger.email, PASSWORD), cohort._id, jobPath);
    });

    it('when an admin opens the pages of any garden, then they are shown', async () => {
      const { agent, cohort } = await coordinatorWithCohort(t);
      const { jobPath } = await previewCsv(agent, cohort._id, FILE);
      const admin = await signIn(t.app, (await makeAccount({ roles: ['admin'] })).email, PASSWORD);
      await admin.get(importPath(cohort._id)).expect(200);
      await admin.get(jobPath).expect(200);
    });

    it('when a job is asked for under another cohort its coordinator manages, then it is not found', async () => {
      const { agent, cohort, garden } = await coordinatorWithCohort(t);
      const { jobId } = await previewCsv(agent, cohort._id, FILE);
      const sibling = await makeCohort({ gardenId: garden._id });
      await agent.get(`${importPath(sibling._id)}/${jobId}`).expect(404);
      await agent.get(`${importPath(cohort._id)}/not-an-id`).expect(404);
    });
  });
});
