import { expect } from 'chai';
import mongoose from 'mongoose';
import { removeExpiredSessions, sessionCollection } from '../../src/shared/http/session-store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { takeIncidents } from '../support/incidents.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { signIn, type Agent } from '../support/http.js';
import { proxiedAppSuite } from '../support/wire-proxy.js';

interface Person { name: string; company: string; email: string }
const KARI: Person = { name: 'Kari Fjellstad', company: 'Fjellbakeriet AS', email: 'kari@fjellbakeriet.no' };
const OLA: Person = { name: 'Ola Sjøberg', company: 'Sjøbua Sjømat AS', email: 'ola@sjobua.no' };

async function signInAs(t: TestApp, person: Person): Promise<Agent> {
  const company = await makeCompany({ name: person.company });
  await makeAccount({ email: person.email, name: person.name, companyId: company._id });
  return signIn(t.app, person.email, PASSWORD);
}

/** Asserts a dashboard belongs to `owner` and shows nothing of `other`. */
function expectOwnDashboard(html: string, owner: Person, other: Person): void {
  expect(html).to.contain(owner.name).and.to.contain(owner.company);
  expect(html).to.not.contain(other.name).and.to.not.contain(other.company);
}

describe('shared/http', () => {
  describe('sessions after the expiry sweep', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    it('when expired sessions are swept, then only they go, and two users reading at once each see only their own page', async () => {
      const kari = await signInAs(t, KARI);
      const ola = await signInAs(t, OLA);
      const sessions = sessionCollection(mongoose.connection.getClient(), t.dbName);
      const live = await sessions.countDocuments();
      const past = new Date(Date.now() - 60_000);
      await sessions.insertMany(Array.from({ length: 25 }, (_, i) => ({
        _id: `expired-${i}`, session: JSON.stringify({ cookie: {} }), expires: past, lastModified: past,
      })));

      const removed = await removeExpiredSessions(sessions, new Date());

      const pages = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? kari : ola).get('/dashboard').then((r) => ({ r, mine: i % 2 ? KARI : OLA }))));
      for (const { r, mine } of pages) {
        expect(r.status).to.equal(200);
        expectOwnDashboard(r.text, mine, mine === KARI ? OLA : KARI);
      }
      expect(removed).to.equal(25);
      expect(await sessions.countDocuments()).to.equal(live);
    });
  });

  describe('a database connection that falls out of step', () => {
    // One pooled connection, so the request after the doubled reply is sure to meet its copy.
    const suite = proxiedAppSuite('?maxPoolSize=1');

    it('when a reply arrives twice, then a request answers 503 rather than another user\'s page, and the next requests are served right', async () => {
      const kari = await signInAs(suite.t, KARI);
      const ola = await signInAs(suite.t, OLA);
      const sessions = sessionCollection(mongoose.connection.getClient(), suite.t.dbName);
      const kariAccount = await mongoose.connection.db!.collection('users').findOne({ email: KARI.email });
      const kariSession = (await sessions.find({}).toArray()).find((s) => s.session.includes(String(kariAccount!._id)));

      // The reply to the lookup of Kari's session is sent twice; the copy waits on that connection.
      suite.proxy.duplicateReplyTo(kariSession!._id);
      const outcomes: Array<{ status: number; who: Person; text: string; retryAfter?: string }> = [];
      for (let i = 0; i < 10; i += 1) {
        const who = i % 2 ? OLA : KARI;
        const response = await (who === KARI ? kari : ola).get('/dashboard');
        outcomes.push({ status: response.status, who, text: response.text, retryAfter: response.headers['retry-after'] });
      }

      expect(suite.proxy.duplicatesSent).to.equal(1);
      expect(takeIncidents()).to.have.lengthOf(1).and.to.satisfy((seen: string[]) => seen[0]!.startsWith('wire-protocol-error'));
      const failed = outcomes.filter((o) => o.status !== 200);
      expect(failed.map((o) => o.status)).to.deep.equal([503]);
      expect(failed[0]!.retryAfter).to.equal('5');
      expect(failed[0]!.text).to.contain('Vi får ikke kontakt med databasen');
      for (const o of outcomes.filter((x) => x.status === 200)) expectOwnDashboard(o.text, o.who, o.who === KARI ? OLA : KARI);
      expect(outcomes.at(-1)!.status).to.equal(200);
    });
  });
});
