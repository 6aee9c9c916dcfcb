import { expect } from 'chai';
import { translate } from '../../src/shared/i18n/index.js';
import { Garden } from '../../src/workshops/garden.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { formToken, signIn } from '../support/http.js';
import { makeGarden } from './fixtures.js';

const gardenForm = (name: string) => ({
  name, address: 'Storgata 1, 7340 Oppdal', municipality: 'Oppdal', region: 'Trøndelag', rooms: 'Storsalen',
  contactName: '', contactEmail: '', contactPhone: '', latitude: '', longitude: '',
});

describe('workshops', () => {
  describe('garden names', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    it('when 6 coordinators rename their gardens to the same name at once, then one garden gets it and 5 are told it is taken', async function () {
      this.timeout(60_000); // six sign-ins hash six passwords first
      const coordinators = await Promise.all(Array.from({ length: 6 }, (_, i) => makeAccount({ email: `koord-${i}@example.no`, roles: ['coordinator'] })));
      const gardens = await Promise.all(coordinators.map((c) => makeGarden({ coordinatorIds: [c._id] })));
      const agents = await Promise.all(coordinators.map((c) => signIn(t.app, c.email, PASSWORD)));
      const tokens = await Promise.all(agents.map((agent, i) => formToken(agent, `/gardens/${gardens[i]!._id}/edit`)));
      const responses = await Promise.all(agents.map((agent, i) =>
        agent.post(`/gardens/${gardens[i]!._id}`).type('form').send({ ...gardenForm('Fjellhagen'), _csrf: tokens[i] })));
      expect(responses.map((r) => r.status).sort()).to.deep.equal([302, 400, 400, 400, 400, 400]);
      expect(responses.filter((r) => r.status === 400).every((r) => r.text.includes(translate('nb', 'workshops.gardenNameTaken')))).to.equal(true);
      // The unique index on the name settles it: each request's own check saw the name free.
      expect(await Garden.countDocuments({ name: 'Fjellhagen' })).to.equal(1);
    });

    it('when an admin creates the same garden 8 times at once, then one is stored and 7 are told the name is taken', async () => {
      const admin = await makeAccount({ email: 'admin@example.no', roles: ['admin'] });
      const agent = await signIn(t.app, admin.email, PASSWORD);
      const _csrf = await formToken(agent, '/gardens/new');
      const responses = await Promise.all(Array.from({ length: 8 }, () => agent.post('/gardens').type('form').send({ ...gardenForm('Dalhagen'), _csrf })));
      expect(responses.map((r) => r.status).sort()).to.deep.equal([302, 400, 400, 400, 400, 400, 400, 400]);
      expect(await Garden.countDocuments({ name: 'Dalhagen' })).to.equal(1);
    });
  });
});
