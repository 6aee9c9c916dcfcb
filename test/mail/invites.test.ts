import { expect } from 'chai';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { parseCalendar } from '../calendar/support.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, orgNumber, PASSWORD } from '../support/fixtures.js';
import { newAgent, signIn, submitForm } from '../support/http.js';
import { about, calendarOf, coordinatorCohort, enrolFromPage, participant } from './support.js';

describe('mail', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('enrolment confirmed', () => {
    it('when a participant enrols, then a REQUEST invite with all six sessions arrives in their language with the cohort link', async () => {
      const { cohortId, sessions } = await coordinatorCohort(t);
      const ola = await participant(t, { name: 'Ola Deltaker', language: 'en' });
      await enrolFromPage(ola.agent, cohortId);
      const mail = await t.smtp.waitFor(about(ola.email, 'Enrolled:'));
      expect(mail.subject).to.equal('Enrolled: Digital strategi våren 2027');
      expect(mail.text).to.contain(`http://localhost:3000/workshops/${cohortId}`);
      expect(mail.html).to.contain(`http://localhost:3000/workshops/${cohortId}`);
      const part = calendarOf(mail)!;
      expect(part.mimeType).to.equal('text/calendar');
      expect(part.method).to.equal('REQUEST');
      const calendar = parseCalendar(part.text);
      expect(calendar.method).to.equal('REQUEST');
      expect(calendar.events.map((e) => e.uid)).to.deep.equal(sessions.map((s) => `session-${s._id}@localhost`));
      expect(calendar.events.map((e) => e.startUtc)).to.deep.equal(sessions.map((s) => s.startsAt.toISOString()));
      expect(calendar.events[0]!.attendees).to.deep.equal([`mailto:${ola.email}`]);
      expect(calendar.events[0]!.organizerCn).to.equal('Kari Kaia Koordinator');
      expect(calendar.events[0]!.organizer).to.equal('mailto:no-reply@digital-afternoons.local');
      expect(calendar.events[0]!.sequence).to.equal(0);
      expect(calendar.events[0]!.summary).to.contain('workshop 1');
      // The organiser is a no-reply address: nobody is asked to answer it.
      expect(calendar.events.flatMap((e) => e.rsvp)).to.deep.equal(calendar.events.map(() => 'FALSE'));
    });

    it('when an invite is sent, then the calendar is in it once, as the text/calendar alternative with its method, and nothing is attached', async () => {
      const { cohortId } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      const mail = await t.smtp.waitFor(about(ola.email, 'Påmeldt:'));
      const raw = t.smtp.raw[t.smtp.messages.indexOf(mail)]!;
      expect(raw).to.match(/^Content-Type: multipart\/alternative;/im);
      expect(raw).to.not.match(/multipart\/mixed|application\/ics|invite\.ics|Content-Disposition: attachment/i);
      expect(raw.match(/^Content-Type: text\/calendar; charset=utf-8; method=REQUEST$/gim)).to.have.length(1);
      expect(mail.attachments.map((a) => a.contentType)).to.deep.equal(['text/calendar']);
      expect(parseCalendar(calendarOf(mail)!.text).method).to.equal('REQUEST');
    });

    it('when a colleague joins the company’s enrolment, then only the colleague gets the invite', async () => {
      const { cohortId } = await coordinatorCohort(t);
      const ola = await participant(t, { name: 'Ola Deltaker' });
      await enrolFromPage(ola.agent, cohortId);
      await t.smtp.waitFor(about(ola.email, 'Påmeldt:'));
      await makeAccount({ email: 'kollega@example.no', name: 'Kari Kollega', companyId: ola.company._id });
      const colleague = await signIn(t.app, 'kollega@example.no', PASSWORD);
      const joined = await submitForm(colleague, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/join`);
      expect(joined.status).to.equal(302);
      const mail = await t.smtp.waitFor(about('kollega@example.no', 'Påmeldt:'));
      expect(calendarOf(mail)!.method).to.equal('REQUEST');
      expect(t.smtp.messages.filter(about(ola.email, 'Påmeldt:'))).to.have.length(1);
    });

    it('when a session is moved, then an update with the same UID, SEQUENCE+1 and the reason arrives', async () => {
      const { cohortId, sessions, agent } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      const invite = parseCalendar(calendarOf(await t.smtp.waitFor(about(ola.email, 'Påmeldt:')))!.text);
      const form = {
        reason: 'Kursholder er syk', sessionId: sessions.map((s) => String(s._id)),
        date: ['2027-03-12', '2027-03-18', '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-22'],
        start: sessions.map(() => '16:00'), end: sessions.map(() => '19:00'), room: sessions.map(() => 'Storsalen'),
      };
      const response = await submitForm(agent, `/cohorts/${cohortId}/manage`, form, `/cohorts/${cohortId}/sessions`);
      expect(response.status).to.equal(302);
      const mail = await t.smtp.waitFor(about(ola.email, 'Endret:'));
      expect(mail.text).to.contain('Kursholder er syk');
      expect(mail.text).to.contain(`http://localhost:3000/workshops/${cohortId}`);
      const part = calendarOf(mail)!;
      expect(part.method).to.equal('REQUEST');
      const update = parseCalendar(part.text);
      expect(update.events).to.have.length(1);
      expect(update.events[0]!.uid).to.equal(invite.events[0]!.uid);
      expect(update.events[0]!.sequence).to.equal(invite.events[0]!.sequence + 1);
      expect(update.events[0]!.startUtc).to.equal('2027-03-12T15:00:00.000Z');
    });

    it('when a session is cancelled, then a CANCEL with the same UID, STATUS:CANCELLED and the reason arrives', async () => {
      const { cohortId, sessions, agent } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      await t.smtp.waitFor(about(ola.email, 'Påmeldt:'));
      const third = String(sessions[2]!._id);
      const response = await submitForm(agent, `/cohorts/${cohortId}/manage`, { reason: 'Flom i Oppdal' }, `/cohorts/${cohortId}/sessions/${third}/cancel`);
      expect(response.status).to.equal(302);
      const mail = await t.smtp.waitFor(about(ola.email, 'Avlyst:'));
      expect(mail.text).to.contain('Flom i Oppdal');
      const part = calendarOf(mail)!;
      expect(part.method).to.equal('CANCEL');
      const cancel = parseCalendar(part.text);
      expect(cancel.method).to.equal('CANCEL');
      expect(cancel.events.map((e) => [e.uid, e.sequence, e.status])).to.deep.equal([[`session-${third}@localhost`, 1, 'CANCELLED']]);
    });

    it('when the company withdraws, then one CANCEL covers every remaining session, one step above what was sent', async () => {
      const { cohortId, sessions, agent } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      await t.smtp.waitFor(about(ola.email, 'Påmeldt:'));
      await submitForm(agent, `/cohorts/${cohortId}/manage`, { reason: 'Stengt' }, `/cohorts/${cohortId}/sessions/${sessions[5]!._id}/cancel`);
      await submitForm(ola.agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/withdraw`);
      const mail = await t.smtp.waitFor(about(ola.email, 'Avmeldt:'));
      const part = calendarOf(mail)!;
      expect(part.method).to.equal('CANCEL');
      const cancel = parseCalendar(part.text);
      expect(cancel.events.map((e) => e.uid)).to.deep.equal(sessions.slice(0, 5).map((s) => `session-${s._id}@localhost`));
      expect(cancel.events.every((e) => e.status === 'CANCELLED' && e.sequence === 1)).to.equal(true);

      // Enrolling again: the new invite is newer than the CANCEL it follows, or clients would keep the events cancelled.
      await submitForm(ola.agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/enrol`);
      const again = await t.smtp.waitFor((m) => about(ola.email, 'Påmeldt:')(m) && m !== t.smtp.messages.find(about(ola.email, 'Påmeldt:')));
      const reinvite = parseCalendar(calendarOf(again)!.text);
      expect(reinvite.events.map((e) => e.uid)).to.deep.equal(cancel.events.map((e) => e.uid));
      expect(reinvite.events.map((e) => e.sequence)).to.deep.equal([2, 2, 2, 2, 2]);

      // Withdrawing and enrolling once more keeps each step above the last.
      await submitForm(ola.agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/withdraw`);
      const secondCancel = await t.smtp.waitFor((m) => about(ola.email, 'Avmeldt:')(m) && m !== mail);
      expect(parseCalendar(calendarOf(secondCancel)!.text).events.every((e) => e.sequence === 3)).to.equal(true);
      await submitForm(ola.agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/enrol`);
      await t.smtp.waitUntil(() => t.smtp.messages.filter(about(ola.email, 'Påmeldt:')).length === 3);
      const third = t.smtp.messages.filter(about(ola.email, 'Påmeldt:'))[2]!;
      expect(parseCalendar(calendarOf(third)!.text).events.every((e) => e.sequence === 4)).to.equal(true);
    });

    it('when a full cohort frees a seat, then the waiting company gets the waitlist email, then a promotion with invites', async () => {
      const { cohortId } = await coordinatorCohort(t, { capacity: '1' });
      const first = await participant(t);
      const second = await participant(t, { language: 'en' });
      await enrolFromPage(first.agent, cohortId);
      await enrolFromPage(second.agent, cohortId);
      const waiting = await t.smtp.waitFor(about(second.email, 'Waitlist:'));
      expect(waiting.text).to.contain('number 1 on the waitlist');
      expect(calendarOf(waiting)).to.equal(undefined);
      await submitForm(first.agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/withdraw`);
      const promoted = await t.smtp.waitFor(about(second.email, 'You have a seat:'));
      expect(calendarOf(promoted)!.method).to.equal('REQUEST');
      expect(parseCalendar(calendarOf(promoted)!.text).events).to.have.length(6);
    });

    it('when a coordinator resends invites to a company, then its people get them again, and a stranger cannot', async () => {
      const { cohortId, agent } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      await t.smtp.waitFor(about(ola.email, 'Påmeldt:'));
      const response = await submitForm(agent, `/cohorts/${cohortId}/manage`, {}, `/cohorts/${cohortId}/enrolments/${ola.company._id}/invites`);
      expect(response.status).to.equal(302);
      const mail = await t.smtp.waitFor(about(ola.email, 'Kalenderinvitasjoner:'));
      expect(calendarOf(mail)!.method).to.equal('REQUEST');
      const other = await coordinatorCohort(t);
      const refused = await submitForm(other.agent, '/dashboard', {}, `/cohorts/${cohortId}/enrolments/${ola.company._id}/invites`);
      expect(refused.status).to.equal(403);
      expect(await OutboxMessage.countDocuments({ template: 'invites-resent' })).to.equal(1);
    });
  });

  describe('welcome', () => {
    it('when an owner registers, then a welcome email with the dashboard link arrives', async () => {
      const form = {
        name: 'Eva Eier', email: 'eva@example.no', password: 'lang og trygg setning', companyName: 'Evas Bakeri',
        municipality: 'Oppdal', sector: 'food', employees: '2', language: 'nb', acceptPrivacy: 'yes',
      };
      const response = await submitForm(newAgent(t.app), '/register', { ...form, orgNumber: orgNumber(4242) });
      expect(response.status).to.equal(302);
      const mail = await t.smtp.waitFor(about('eva@example.no', 'Velkommen'));
      expect(mail.text).to.contain('Evas Bakeri');
      expect(mail.text).to.contain('http://localhost:3000/dashboard');
    });
  });
});
