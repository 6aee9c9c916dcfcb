import { expect } from 'chai';
import { rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { newAgent, signIn, submitForm } from '../support/http.js';
import { proxiedAppSuite } from '../support/wire-proxy.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';

describe('shared/http', () => {
  describe('a database outage', () => {
    const suite = proxiedAppSuite();

    it('when the database is down, then pages, downloads and feeds answer 503 with a retry hint, and work again when it is back', async function () {
      this.timeout(60_000);
      const cohort = await makeCohort();
      const person = await makeAccount();
      const feed = await rotateFeedToken(person._id);
      const paths = [`/workshops/${cohort._id}`, `/workshops/${cohort._id}/calendar.ics`, feed];
      for (const path of paths) expect((await newAgent(suite.t.app).get(path)).status, path).to.equal(200);

      suite.proxy.setDown(true);
      const during = await Promise.all(paths.map((path) => newAgent(suite.t.app).get(path)));
      expect(during.map((r) => r.status)).to.deep.equal([503, 503, 503]);
      expect(during.map((r) => r.headers['retry-after'])).to.deep.equal(['5', '5', '5']);
      expect(during[0]!.text).to.contain('Vi får ikke kontakt med databasen');

      suite.proxy.setDown(false);
      for (const path of paths) await newAgent(suite.t.app).get(path).expect(200);
    });
  });

  describe('malformed ids', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    it('when an address holds an id that cannot exist, then the answer is 404, for reading and for every form', async () => {
      const coordinator = await makeAccount({ roles: ['coordinator', 'admin'] });
      const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
      const cohort = await makeCohort({ gardenId: garden._id });
      const company = await makeCompany();
      const owner = await makeAccount({ companyId: company._id });
      for (const path of ['/workshops/nonsense', '/workshops/123/calendar.ics', `/workshops/${cohort._id}/sessions/x.ics`, '/cohorts/zzz/manage']) {
        const response = await (await signIn(t.app, coordinator.email, PASSWORD)).get(path);
        expect(response.status, path).to.equal(404);
      }
      const ownerAgent = await signIn(t.app, owner.email, PASSWORD);
      for (const action of ['enrol', 'join', 'withdraw']) {
        const response = await submitForm(ownerAgent, '/dashboard', {}, `/workshops/not-an-id/${action}`);
        expect(response.status, action).to.equal(404);
      }
      const staff = await signIn(t.app, coordinator.email, PASSWORD);
      const forms: Array<[string, Record<string, string>]> = [
        ['/admin/users/not-an-id/roles', { roles: 'trainer' }],
        [`/cohorts/${cohort._id}/enrolments/not-an-id/remove`, { reason: 'Feil' }],
        [`/cohorts/${cohort._id}/enrolments/not-an-id/move`, { reason: 'Feil', targetCohortId: String(cohort._id) }],
        [`/cohorts/${cohort._id}/sessions/not-an-id/cancel`, { reason: 'Feil' }],
      ];
      for (const [action, fields] of forms) {
        const response = await submitForm(staff, '/dashboard', fields, action);
        expect(response.status, action).to.equal(404);
      }
    });
  });
});
