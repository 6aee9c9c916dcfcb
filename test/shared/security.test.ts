import { expect } from 'chai';
import mongoose from 'mongoose';
import { User } from '../../src/accounts/user.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, newAgent, signIn } from '../support/http.js';

describe('security', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('CSRF', () => {
    it('when a form is posted without a token, then it is refused with 403 and nothing happens', async () => {
      const response = await newAgent(t.app).post('/password/forgot').type('form').send({ email: 'x@example.no' });
      expect(response.status).to.equal(403);
      expect(response.text).to.contain('Skjemaet var utløpt eller ugyldig');
    });

    it('when the token is forged, then it is refused with 403', async () => {
      const agent = newAgent(t.app);
      const token = csrfFrom((await agent.get('/login')).text);
      const forged = token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
      const response = await agent.post('/login').type('form').send({ email: 'x@example.no', password: 'whatever12345', _csrf: forged });
      expect(response.status).to.equal(403);
    });

    it('when another session’s token is used, then it is refused with 403', async () => {
      const token = csrfFrom((await newAgent(t.app).get('/login')).text);
      const response = await newAgent(t.app).post('/login').type('form').send({ email: 'x@example.no', password: 'whatever12345', _csrf: token });
      expect(response.status).to.equal(403);
    });

    it('when a signed-in user logs out without a token, then the session survives', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const agent = await signIn(t.app, 'ola@example.no', PASSWORD);
      expect((await agent.post('/logout')).status).to.equal(403);
      expect((await agent.get('/dashboard')).status).to.equal(200);
    });
  });

  describe('headers', () => {
    it('when any page is served, then a strict CSP forbids scripts and framing', async () => {
      const response = await newAgent(t.app).get('/').expect(200);
      expect(response.headers['content-security-policy']).to.contain("script-src 'none'");
      expect(response.headers['content-security-policy']).to.contain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
      expect(response.headers['x-powered-by']).to.equal(undefined);
    });

    it('when a visitor only reads pages, then no session is stored for them', async () => {
      const response = await newAgent(t.app).get('/').expect(200);
      expect(String(response.headers['set-cookie'] ?? '')).not.to.contain('da.sid');
      expect(await mongoose.connection.db!.collection('sessions').countDocuments()).to.equal(0);
    });
  });

  describe('sessions', () => {
    it('when a user signs in, then the session is stored in the database and its id changes', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const agent = newAgent(t.app);
      const before = (await agent.get('/login')).headers['set-cookie'] as unknown as string[];
      const sidBefore = before.find((c) => c.startsWith('da.sid='));
      const token = csrfFrom((await agent.get('/login')).text);
      const response = await agent.post('/login').type('form').send({ email: 'ola@example.no', password: PASSWORD, _csrf: token });
      const sidAfter = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('da.sid='));
      expect(sidAfter).to.be.a('string');
      expect(sidAfter!.split(';')[0]).not.to.equal(sidBefore!.split(';')[0]);
      const stored = await mongoose.connection.db!.collection('sessions').find({}).toArray();
      expect(stored.some((s) => String(s.session).includes('accountId'))).to.equal(true);
    });
  });

  describe('query filters', () => {
    it('when a filter object arrives where a value belongs, then it matches literally, never as an operator', async () => {
      await makeAccount({ email: 'ola@example.no' });
      const smuggled = { email: { $ne: 'nobody' } } as unknown as { email: string };
      const outcome = await User.findOne(smuggled).lean().catch((error: Error) => error);
      expect(outcome).to.satisfy((value: unknown) => value === null || value instanceof Error);
      expect(await User.countDocuments({ email: mongoose.trusted({ $ne: 'nobody' }) })).to.equal(1);
    });
  });
});
