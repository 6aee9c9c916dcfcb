import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { describeDevice } from '../../src/accounts/device.js';
import { sessionSlotCollection } from '../../src/shared/http/session-index.js';
import { removeExpiredSessions, sessionCollection } from '../../src/shared/http/session-store.js';
import { databaseSessionStore } from '../../src/shared/http/session.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { describeCommands, recordCommands, scansAmong } from '../support/command-budget.js';
import { csrfFrom, type Agent } from '../support/http.js';

const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const EDGE_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0';

const sids = new WeakMap<Agent, string>();
/** The session id the agent's cookie carries, as the login set it. */
const sidOf = (agent: Agent) => sids.get(agent)!;

/** Signs in from a browser that sent this user agent. */
async function signInWith(t: TestApp, email: string, userAgent: string): Promise<Agent> {
  const agent = request.agent(t.app);
  const token = csrfFrom((await agent.get('/login').set('User-Agent', userAgent)).text);
  const response = await agent.post('/login').set('User-Agent', userAgent).type('form').send({ email, password: PASSWORD, _csrf: token });
  expect(response.status).to.equal(302);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('da.sid='))!;
  sids.set(agent, /^da\.sid=s:([^.]+)\./.exec(decodeURIComponent(cookie.split(';')[0]!))![1]!);
  return agent;
}

const handlesOn = (html: string) => [...html.matchAll(/\/profile\/sessions\/([0-9a-f]+)\/end/g)].map((m) => m[1]!);

async function endSession(agent: Agent, handle: string) {
  const token = csrfFrom((await agent.get('/profile')).text);
  return agent.post(`/profile/sessions/${handle}/end`).type('form').send({ _csrf: token });
}

describe('accounts: sessions on the profile', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  it('when one person is signed in twice, then each session lists both, with device and times, and marks itself', async () => {
    const kari = await makeAccount({ email: 'kari@example.no' });
    const phone = await signInWith(t, kari.email, FIREFOX_ANDROID);
    const laptop = await signInWith(t, kari.email, SAFARI_IPHONE);
    for (const agent of [phone, laptop]) {
      const page = await agent.get('/profile').expect(200);
      expect(page.text).to.contain('Firefox på Android').and.to.contain('Safari på iOS');
      expect(page.text.match(/denne innloggingen/g)).to.have.length(1);
      expect(handlesOn(page.text)).to.have.length(1);
      expect(page.text).to.contain('Logget inn:').and.to.contain('Sist brukt:');
    }
    // The page names sessions by handles; session ids, which are bearer secrets, never appear.
    const page = (await phone.get('/profile')).text;
    for (const sid of [sidOf(phone), sidOf(laptop)]) {
      expect(sid).to.have.length.above(10);
      expect(page).to.not.contain(sid);
    }
  });

  it('when one session ends another, then the other’s next request goes to the login page and the list shrinks', async () => {
    const kari = await makeAccount({ email: 'kari@example.no' });
    const phone = await signInWith(t, kari.email, FIREFOX_ANDROID);
    const laptop = await signInWith(t, kari.email, EDGE_WINDOWS);
    const [laptopHandle] = handlesOn((await phone.get('/profile')).text);
    const ended = await endSession(phone, laptopHandle!);
    expect(ended.status).to.equal(302);
    const next = await laptop.get('/profile');
    expect(next.status).to.equal(302);
    expect(next.headers.location).to.match(/^\/login/);
    const page = await phone.get('/profile').expect(200);
    expect(page.text).to.contain('Innloggingen er avsluttet.');
    expect(page.text).to.not.contain('Edge på Windows');
    expect(handlesOn(page.text)).to.deep.equal([]);
    // Ending it again finds nothing to end.
    expect((await endSession(phone, laptopHandle!)).status).to.equal(404);
  });

  it('when a third person names another person’s session, then it is not found and that session goes on', async () => {
    const kari = await makeAccount({ email: 'kari@example.no' });
    const phone = await signInWith(t, kari.email, FIREFOX_ANDROID);
    const laptop = await signInWith(t, kari.email, SAFARI_IPHONE);
    const handles = handlesOn((await phone.get('/profile')).text).concat(handlesOn((await laptop.get('/profile')).text));
    const ola = await signInWith(t, (await makeAccount({ email: 'ola@example.no' })).email, EDGE_WINDOWS);
    const olasPage = (await ola.get('/profile')).text;
    expect(olasPage).to.not.contain('Firefox på Android');
    for (const handle of handles) expect((await endSession(ola, handle)).status).to.equal(404);
    // Nor does a session id work in place of a handle.
    expect((await endSession(ola, sidOf(phone))).status).to.equal(404);
    await phone.get('/profile').expect(200);
    await laptop.get('/profile').expect(200);
  });

  it('when a session logs out, logs out everywhere or expires, then its entry in the list goes too', async () => {
    const kari = await makeAccount({ email: 'kari@example.no' });
    const slots = sessionSlotCollection(mongoose.connection.getClient(), t.dbName);
    const sessions = sessionCollection(mongoose.connection.getClient(), t.dbName);
    const first = await signInWith(t, kari.email, FIREFOX_ANDROID);
    const second = await signInWith(t, kari.email, SAFARI_IPHONE);
    await signInWith(t, kari.email, EDGE_WINDOWS);
    expect(await slots.countDocuments()).to.equal(3);
    const profilePage = await first.get('/profile');
    expect(profilePage.status).to.equal(200);
    const logout = await first.post('/logout').type('form').send({ _csrf: csrfFrom(profilePage.text) });
    expect(logout.status, logout.text.slice(0, 2000)).to.equal(302);
    expect(await slots.countDocuments()).to.equal(2);

    const token = csrfFrom((await second.get('/profile')).text);
    await second.post('/profile/logout-everywhere').type('form').send({ _csrf: token }).expect(302);
    const page = (await second.get('/profile')).text;
    expect(page).to.not.contain('Edge på Windows');
    expect(handlesOn(page)).to.deep.equal([]);
    expect(await slots.countDocuments()).to.equal(1);

    await sessions.updateMany({}, { $set: { expires: new Date(Date.now() - 1000) } });
    const store = databaseSessionStore(mongoose.connection.getClient(), t.dbName);
    await removeExpiredSessions(store.collection, new Date(), store.index);
    expect(await slots.countDocuments()).to.equal(0);
  });

  it('when the list is read, a session ended and another logged out, then sessions are found by _id only, never by a scan', async () => {
    const kari = await makeAccount({ email: 'kari@example.no' });
    const phone = await signInWith(t, kari.email, FIREFOX_ANDROID);
    await signInWith(t, kari.email, SAFARI_IPHONE);
    const third = await signInWith(t, kari.email, EDGE_WINDOWS);
    const { commands } = await recordCommands(async () => {
      const page = await phone.get('/profile').expect(200);
      const [handle] = handlesOn(page.text);
      await phone.post(`/profile/sessions/${handle}/end`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(302);
      const token = csrfFrom((await third.get('/profile')).text);
      await third.post('/logout').type('form').send({ _csrf: token }).expect(302);
    });
    const onSessions = commands.filter((c) => ['sessions', 'sessionSlots'].includes(c.collection));
    expect(onSessions.length).to.be.above(0);
    expect(scansAmong(onSessions), describeCommands(onSessions)).to.deep.equal([]);
  });

  describe('device names', () => {
    it('when common user agents are read, then each is told as browser and system', () => {
      expect(describeDevice(FIREFOX_ANDROID)).to.deep.equal({ browser: 'Firefox', os: 'Android' });
      expect(describeDevice(SAFARI_IPHONE)).to.deep.equal({ browser: 'Safari', os: 'iOS' });
      expect(describeDevice(EDGE_WINDOWS)).to.deep.equal({ browser: 'Edge', os: 'Windows' });
      expect(describeDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'))
        .to.deep.equal({ browser: 'Chrome', os: 'macOS' });
      expect(describeDevice('curl/8.5.0')).to.deep.equal({ browser: undefined, os: undefined });
    });
  });
});
