import { expect } from 'chai';
import { Types } from 'mongoose';
import { rotateFeedToken, sha256 } from '../../src/calendar/feed-tokens.js';
import { rekeyFeedTokens } from '../../src/calendar/rekey.js';
import { FeedSlot, FeedToken } from '../../src/calendar/feed-token.model.js';
import { Garden } from '../../src/workshops/garden.model.js';
import { coordinatorCohort, enrolFromPage, participant } from '../mail/support.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { csrfFrom, newAgent, submitForm, type Agent } from '../support/http.js';
import { parseCalendar } from './support.js';

/** Makes (or resets) a feed link from the dashboard and returns the address shown there. */
async function feedFromDashboard(agent: Agent, fields: Record<string, string> = { scope: 'person' }) {
  const response = await submitForm(agent, '/dashboard', fields, '/feeds');
  expect(response.status).to.equal(302);
  const page = (await agent.get('/dashboard').expect(200)).text;
  const https = /value="(http:\/\/localhost:3000\/feeds\/[^"]+\.ics)"/.exec(page)?.[1];
  const webcal = /href="(webcal:\/\/localhost:3000\/feeds\/[^"]+\.ics)"/.exec(page)?.[1];
  if (!https || !webcal) throw new Error('no feed link on the dashboard');
  return { https, webcal, path: new URL(https).pathname, page };
}

describe('calendar', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('downloads', () => {
    it('when anyone downloads a cohort, then an attachment with every session, PUBLISH, no attendees and the garden as organiser', async () => {
      const { cohortId, sessions, agent, garden } = await coordinatorCohort(t);
      await submitForm(agent, `/cohorts/${cohortId}/manage`, { reason: 'Flom' }, `/cohorts/${cohortId}/sessions/${sessions[3]!._id}/cancel`);
      const response = await newAgent(t.app).get(`/workshops/${cohortId}/calendar.ics`).expect(200);
      expect(response.headers['content-type']).to.equal('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).to.equal('attachment; filename="digital-strategi-varen-2027.ics"');
      const calendar = parseCalendar(response.text);
      expect(calendar.method).to.equal('PUBLISH');
      expect(calendar.events.map((e) => e.uid)).to.deep.equal(sessions.map((s) => `session-${s._id}@localhost`));
      expect(calendar.events.map((e) => e.startUtc)).to.deep.equal(sessions.map((s) => s.startsAt.toISOString()));
      expect(calendar.events.map((e) => e.status)).to.deep.equal(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CANCELLED', 'CONFIRMED', 'CONFIRMED']);
      expect(calendar.events[3]!.sequence).to.equal(1);
      expect(calendar.events[3]!.summary).to.match(/^AVLYST: /);
      expect(calendar.events.every((e) => e.attendees.length === 0 && e.dtstampIsUtc)).to.equal(true);
      expect(calendar.events[0]!.organizerCn).to.equal(garden.name);
      expect(calendar.events[0]!.location).to.equal(`${garden.name}, Storsalen, Storgata 1, 7340 Oppdal`);
      expect(calendar.events[0]!.description).to.contain(`http://localhost:3000/workshops/${cohortId}`);
      expect(calendar.events[0]!.description).to.contain('Modul 1 av 6: ');
    });

    it('when one session is downloaded, then only it; an unknown session or cohort is 404', async () => {
      const { cohortId, sessions } = await coordinatorCohort(t);
      const response = await newAgent(t.app).get(`/workshops/${cohortId}/sessions/${sessions[1]!._id}.ics`).set('Accept-Language', 'en').expect(200);
      const calendar = parseCalendar(response.text);
      expect(calendar.events.map((e) => e.uid)).to.deep.equal([`session-${sessions[1]!._id}@localhost`]);
      expect(calendar.events[0]!.summary).to.contain('workshop 2');
      await newAgent(t.app).get(`/workshops/${cohortId}/sessions/${cohortId}.ics`).expect(404);
      await newAgent(t.app).get('/workshops/nope/calendar.ics').expect(404);
    });

    it('when the cohort page is shown, then it links the downloads', async () => {
      const { cohortId, sessions } = await coordinatorCohort(t);
      const page = await newAgent(t.app).get(`/workshops/${cohortId}`).expect(200);
      expect(page.text).to.contain(`/workshops/${cohortId}/calendar.ics`);
      expect(page.text).to.contain(`/workshops/${cohortId}/sessions/${sessions[0]!._id}.ics`);
    });
  });

  describe('personal feed', () => {
    it('when a participant makes a link, then the dashboard shows it once, it serves their cohorts, and a reset kills the old one', async () => {
      const { cohortId, sessions } = await coordinatorCohort(t);
      const other = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      const first = await feedFromDashboard(ola.agent);
      expect(first.webcal).to.equal(first.https.replace('http://', 'webcal://'));
      expect(await FeedToken.countDocuments({ _id: first.path })).to.equal(0);

      const feed = await newAgent(t.app).get(first.path).expect(200);
      expect(feed.headers['content-type']).to.equal('text/calendar; charset=utf-8');
      const calendar = parseCalendar(feed.text);
      expect(calendar.method).to.equal('PUBLISH');
      expect(calendar.name).to.equal('Digitale ettermiddager – Ola Deltaker');
      expect(calendar.refresh).to.equal('PT1H');
      expect(calendar.events.map((e) => e.uid)).to.deep.equal(sessions.map((s) => `session-${s._id}@localhost`));
      expect(calendar.events.some((e) => other.sessions.some((s) => e.uid.includes(String(s._id))))).to.equal(false);

      const later = (await ola.agent.get('/dashboard').expect(200)).text;
      expect(later).to.not.contain(first.path);
      expect(later).to.contain('Lag ny lenke');

      const second = await feedFromDashboard(ola.agent);
      expect(second.path).to.not.equal(first.path);
      await newAgent(t.app).get(first.path).expect(404);
      await newAgent(t.app).get(second.path).expect(200);
      await newAgent(t.app).get('/feeds/not-a-real-token-at-all-0000000000.ics').expect(404);
    });

    it('when a session is cancelled after the feed was read, then the next read shows it cancelled with a higher SEQUENCE', async () => {
      const { cohortId, sessions, agent: coordinator } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      const { path } = await feedFromDashboard(ola.agent);
      const before = parseCalendar((await newAgent(t.app).get(path).expect(200)).text);
      expect(before.events[2]!).to.include({ sequence: 0 });
      const cancelled = await submitForm(coordinator, `/cohorts/${cohortId}/manage`, { reason: 'Snøstorm' }, `/cohorts/${cohortId}/sessions/${sessions[2]!._id}/cancel`);
      expect(cancelled.status).to.equal(302);
      const after = parseCalendar((await newAgent(t.app).get(path).expect(200)).text);
      expect(after.events[2]!).to.include({ sequence: 1, status: 'CANCELLED' });
    });

    it('when the seed rotates a token, then the returned path works until the next rotation', async () => {
      const ola = await participant(t);
      const path = await rotateFeedToken(ola.user._id);
      expect(path).to.match(/^\/feeds\/[\w-]{43}\.ics$/);
      await newAgent(t.app).get(path).expect(200);
      await rotateFeedToken(ola.user._id);
      await newAgent(t.app).get(path).expect(404);
    });

    it('when a person resets their link 10 times at once, then one token is left and each reset stored or was asked to retry', async () => {
      const ola = await participant(t);
      await feedFromDashboard(ola.agent);
      const _csrf = csrfFrom((await ola.agent.get('/dashboard').expect(200)).text);
      const responses = await Promise.all(Array.from({ length: 10 }, () => ola.agent.post('/feeds').type('form').send({ _csrf, scope: 'person' })));
      const statuses = responses.map((r) => r.status);
      expect(statuses.every((s) => s === 302 || s === 409), statuses.join()).to.equal(true);
      expect(statuses).to.include(302);
      // One live token per person (the slot's unique _id): without it, racing resets would each leave a live address.
      const tokens = await FeedToken.find({ accountId: ola.user._id, scope: 'person' }).lean();
      const slot = await FeedSlot.findById(`${ola.user._id}:person`).lean();
      expect(tokens.filter((token) => token._id === slot?.hash)).to.have.length(1);
    });
  });

  describe('tokens stored before their hash was their id', () => {
    it('when a token has an ObjectId, then after the start-up step its address works, and a second run moves nothing', async () => {
      const ola = await participant(t);
      const secret = 'an-address-made-before-the-move-0000000000';
      await FeedToken.collection.insertOne({ _id: new Types.ObjectId() as never, hash: sha256(secret), slot: `${ola.user._id}:person`, scope: 'person', accountId: ola.user._id, createdAt: new Date() });
      await newAgent(t.app).get(`/feeds/${secret}.ics`).expect(404);
      expect(await rekeyFeedTokens()).to.equal(1);
      expect(await rekeyFeedTokens()).to.equal(0);
      await newAgent(t.app).get(`/feeds/${secret}.ics`).expect(200);
      expect(await FeedToken.countDocuments()).to.equal(1);
    });
  });

  describe('garden feed', () => {
    it('when a coordinator makes a garden link, then it serves every cohort of the garden until they stop coordinating it', async () => {
      const { cohortId, garden, agent, coordinator, sessions } = await coordinatorCohort(t);
      const link = await feedFromDashboard(agent, { scope: 'garden', gardenId: String(garden._id) });
      expect(link.path).to.match(/^\/feeds\/garden\//);
      const calendar = parseCalendar((await newAgent(t.app).get(link.path).expect(200)).text);
      expect(calendar.name).to.equal(`Digitale ettermiddager – ${garden.name}`);
      expect(calendar.events).to.have.length(sessions.length);
      expect(calendar.events[0]!.description).to.contain(cohortId);
      await newAgent(t.app).get(link.path.replace('/garden', '')).expect(404);
      await Garden.updateOne({ _id: garden._id }, { $pull: { coordinatorIds: coordinator._id } });
      await newAgent(t.app).get(link.path).expect(404);
    });

    it('when a participant asks for a garden link, then it is refused', async () => {
      const { garden } = await coordinatorCohort(t);
      const ola = await participant(t);
      const response = await submitForm(ola.agent, '/dashboard', { scope: 'garden', gardenId: String(garden._id) }, '/feeds');
      expect(response.status).to.equal(403);
    });
  });
});
