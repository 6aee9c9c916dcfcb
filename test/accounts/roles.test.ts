import { expect } from 'chai';
import { User } from '../../src/accounts/user.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn } from '../support/http.js';

describe('accounts', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('assign roles', () => {
    it('when a participant opens the admin page, then it is refused with 403', async () => {
      await makeAccount({ email: 'p@example.no', roles: ['participant'] });
      const agent = await signIn(t.app, 'p@example.no', PASSWORD);
      const response = await agent.get('/admin/users');
      expect(response.status).to.equal(403);
      expect(response.text).to.contain('Du har ikke tilgang');
    });

    it('when a coordinator posts a role change, then it is refused and nothing changes', async () => {
      const target = await makeAccount({ email: 'target@example.no' });
      await makeAccount({ email: 'c@example.no', roles: ['coordinator'] });
      const agent = await signIn(t.app, 'c@example.no', PASSWORD);
      const token = csrfFrom((await agent.get('/dashboard')).text);
      const response = await agent.post(`/admin/users/${target._id}/roles`).type('form').send({ _csrf: token, roles: 'admin' });
      expect(response.status).to.equal(403);
      expect((await User.findById(target._id).lean())!.roles).to.deep.equal(['participant']);
    });

    it('when a visitor opens the admin page, then they are sent to login', async () => {
      const response = await newAgent(t.app).get('/admin/users');
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.match(/^\/login\?next=/);
    });

    it('when an admin gives a user the trainer role, then the user has it', async () => {
      const target = await makeAccount({ email: 'trener@example.no', name: 'Trude Trener' });
      await makeAccount({ email: 'admin@example.no', roles: ['admin'] });
      const agent = await signIn(t.app, 'admin@example.no', PASSWORD);
      const page = await agent.get('/admin/users?q=trude').expect(200);
      expect(page.text).to.contain('trener@example.no');
      expect(page.text).not.to.contain('admin@example.no');
      await agent.post(`/admin/users/${target._id}/roles`).type('form')
        .send({ _csrf: csrfFrom(page.text), roles: ['participant', 'trainer'] }).expect(302);
      expect((await User.findById(target._id).lean())!.roles).to.deep.equal(['participant', 'trainer']);
    });

    it('when an admin removes their own admin role, then it is refused', async () => {
      const admin = await makeAccount({ email: 'admin@example.no', roles: ['admin'] });
      const agent = await signIn(t.app, 'admin@example.no', PASSWORD);
      const token = csrfFrom((await agent.get('/admin/users')).text);
      const response = await agent.post(`/admin/users/${admin._id}/roles`).type('form').send({ _csrf: token, roles: 'trainer' });
      expect(response.status).to.equal(409);
      expect((await User.findById(admin._id).lean())!.roles).to.deep.equal(['admin']);
    });

    it('when an admin submits an unknown role, then it is refused', async () => {
      const target = await makeAccount({ email: 'x@example.no' });
      await makeAccount({ email: 'admin@example.no', roles: ['admin'] });
      const agent = await signIn(t.app, 'admin@example.no', PASSWORD);
      const token = csrfFrom((await agent.get('/admin/users')).text);
      const response = await agent.post(`/admin/users/${target._id}/roles`).type('form').send({ _csrf: token, roles: 'superuser' });
      expect(response.status).to.equal(400);
      expect((await User.findById(target._id).lean())!.roles).to.deep.equal(['participant']);
    });
  });
});
