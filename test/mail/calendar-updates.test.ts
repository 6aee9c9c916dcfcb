import { expect } from 'chai';
import { trusted } from 'mongoose';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { ConflictError } from '../../src/shared/errors.js';
import { CalendarChange } from '../../src/workshops/calendar-change.model.js';
import { recordCalendarChange, sessionChangeId } from '../../src/workshops/calendar-changes.js';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { osloInterval } from '../../src/workshops/schedule.js';
import { parseCalendar } from '../calendar/support.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { newAgent, submitForm } from '../support/http.js';
import { about, calendarOf, changesTold, coordinatorCohort, enrolFromPage, participant } from './support.js';

describe('mail', () => {
  describe('calendar updates', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    /** A cohort with two enrolled companies (one reading English), each past its invite. */
    async function cohortWithTwoCompanies() {
      const setup = await coordinatorCohort(t);
      const ola = await participant(t, { name: 'Ola Deltaker' });
      const emma = await participant(t, { name: 'Emma Participant', language: 'en' });
      for (const person of [ola, emma]) {
        await enrolFromPage(person.agent, setup.cohortId);
        await t.smtp.waitFor(about(person.email, person === ola ? 'Påmeldt:' : 'Enrolled:'));
      }
      return { ...setup, ola, emma };
    }

    /** One enrolled company, for tests without a worker (its invite stays in the outbox). */
    async function cohortWithTwoCompaniesQueued() {
      const setup = await coordinatorCohort(t);
      const ola = await participant(t, { name: 'Ola Deltaker' });
      await enrolFromPage(ola.agent, setup.cohortId);
      return { ...setup, ola };
    }

    const cohortSettings = (title: string) => ({
      title, capacity: '20', participantsPerCompany: '2', enrolmentDeadline: '2027-03-01', minSessionsAttended: '5',
    });

    it('when a cohort gets a new title, then every session goes one SEQUENCE up and each participant gets one update with the new title', async () => {
      const { cohortId, sessions, agent, trainer, ola, emma } = await cohortWithTwoCompanies();
      const saved = await submitForm(agent, `/cohorts/${cohortId}/manage`, { ...cohortSettings('Digital strategi for reiseliv'), trainerIds: String(trainer._id) }, `/cohorts/${cohortId}`);
      expect(saved.status).to.equal(302);
      expect((await WorkshopSession.find({ cohortId }).lean()).map((s) => s.sequence)).to.deep.equal(sessions.map(() => 1));

      const update = await t.smtp.waitFor(about(ola.email, 'Oppdatert: Digital strategi for reiseliv'));
      const part = calendarOf(update)!;
      expect(part.method).to.equal('REQUEST');
      const calendar = parseCalendar(part.text);
      expect(calendar.method).to.equal('REQUEST');
      expect(calendar.events.map((e) => [e.uid, e.sequence])).to.deep.equal(sessions.map((s) => [`session-${s._id}@localhost`, 1]));
      expect(calendar.events.every((e) => e.summary.includes('Digital strategi for reiseliv'))).to.equal(true);
      expect(calendar.events.flatMap((e) => e.rsvp)).to.deep.equal(sessions.map(() => 'FALSE'));
      expect(update.text).to.contain(`http://localhost:3000/workshops/${cohortId}`);
      await t.smtp.waitFor(about(emma.email, 'Updated: Digital strategi for reiseliv'));

      // Once each, and downloads show the same SEQUENCE as the emails.
      await changesTold();
      expect(await OutboxMessage.countDocuments({ template: 'calendar-updated' })).to.equal(2);
      const download = parseCalendar((await newAgent(t.app).get(`/workshops/${cohortId}/calendar.ics`).expect(200)).text);
      expect(download.events.map((e) => e.sequence)).to.deep.equal(sessions.map(() => 1));
    });

    it('when a cohort is saved with its title unchanged, then no SEQUENCE moves and nobody is emailed', async () => {
      const { cohortId, sessions, agent, trainer } = await cohortWithTwoCompanies();
      const saved = await submitForm(agent, `/cohorts/${cohortId}/manage`, { ...cohortSettings('Digital strategi våren 2027'), capacity: '25', trainerIds: String(trainer._id) }, `/cohorts/${cohortId}`);
      expect(saved.status).to.equal(302);
      expect(await CalendarChange.countDocuments()).to.equal(0);
      expect((await WorkshopSession.find({ cohortId }).lean()).map((s) => s.sequence)).to.deep.equal(sessions.map(() => 0));
      expect(await OutboxMessage.countDocuments({ template: 'calendar-updated' })).to.equal(0);
    });

    it('when a garden gets a new address, then its cohorts’ sessions go one SEQUENCE up and participants get an update with the new place', async () => {
      const { garden, sessions, agent, ola, emma } = await cohortWithTwoCompanies();
      const form = {
        name: garden.name, address: 'Fjellvegen 9, 7340 Oppdal', municipality: 'Oppdal', region: 'Trøndelag', rooms: 'Storsalen\nMøterom 2',
        contactName: '', contactEmail: '', contactPhone: '', latitude: '', longitude: '',
      };
      const saved = await submitForm(agent, `/gardens/${garden._id}/edit`, form, `/gardens/${garden._id}`);
      expect(saved.status).to.equal(302);
      const update = await t.smtp.waitFor(about(ola.email, 'Oppdatert:'));
      const calendar = parseCalendar(calendarOf(update)!.text);
      expect(calendar.events.map((e) => e.sequence)).to.deep.equal(sessions.map(() => 1));
      expect(calendar.events.every((e) => e.location.includes('Fjellvegen 9, 7340 Oppdal'))).to.equal(true);
      expect(update.text).to.contain('Fjellvegen 9, 7340 Oppdal');
      await t.smtp.waitFor(about(emma.email, 'Updated:'));
    });

    it('when a recorded move was never stored (its request died), then the worker stores it and tells everyone', async () => {
      const { cohort, sessions, ola } = await cohortWithTwoCompanies();
      const second = sessions[1]!;
      // What a request records first; the process then dies before writing the session.
      await recordCalendarChange({
        _id: sessionChangeId(second._id, 1), kind: 'moved', cohortId: cohort._id, reason: 'Flom',
        sessions: [{ sessionId: second._id, sequence: 1, set: { ...osloInterval('2027-03-19', '16:00', '19:00'), room: 'Storsalen', status: 'moved', changeReason: 'Flom' } }],
      }, new Date());
      t.mail.mailer.wakeFanOut!();
      const update = await t.smtp.waitFor(about(ola.email, 'Endret:'));
      const event = parseCalendar(calendarOf(update)!.text).events[0]!;
      expect([event.uid, event.sequence, event.startUtc]).to.deep.equal([`session-${second._id}@localhost`, 1, '2027-03-19T15:00:00.000Z']);
      expect(await WorkshopSession.findById(second._id).lean()).to.include({ sequence: 1, status: 'moved', changeReason: 'Flom' });
      await changesTold();
    });

    it('when a cancellation is overtaken by a new title before it is told, then the CANCEL still goes out, and the update leaves the session out', async () => {
      await t.close();
      // No worker in this process: the test runs the fan-out itself, after both changes.
      t = await startTestApp({ MAIL_WORKER: 'off' });
      const { cohortId, sessions, agent, trainer, ola } = await cohortWithTwoCompaniesQueued();
      const third = String(sessions[2]!._id);
      expect((await submitForm(agent, `/cohorts/${cohortId}/manage`, { reason: 'Flom' }, `/cohorts/${cohortId}/sessions/${third}/cancel`)).status).to.equal(302);
      expect((await submitForm(agent, `/cohorts/${cohortId}/manage`, { ...cohortSettings('Nytt navn'), trainerIds: String(trainer._id) }, `/cohorts/${cohortId}`)).status).to.equal(302);
      expect(await t.mail.fanOut.runOnce()).to.equal(2);
      const mine = await OutboxMessage.find({ to: ola.email, template: trusted({ $in: ['session-cancelled', 'calendar-updated'] }) }).lean();
      const cancel = parseCalendar(mine.find((m) => m.template === 'session-cancelled')!.calendar!.content!);
      expect(cancel.method).to.equal('CANCEL');
      expect(cancel.events.map((e) => [e.uid, e.status])).to.deep.equal([[`session-${third}@localhost`, 'CANCELLED']]);
      const update = parseCalendar(mine.find((m) => m.template === 'calendar-updated')!.calendar!.content!);
      expect(update.events.map((e) => e.uid)).to.not.include(`session-${third}@localhost`);
      expect(update.events).to.have.length(5);
    });

    it('when two coordinators take the same step on a session at once, then one change is recorded and the other is refused', async () => {
      const { cohort, sessions } = await cohortWithTwoCompanies();
      const move = (date: string) => recordCalendarChange({
        _id: sessionChangeId(sessions[1]!._id, 1), kind: 'moved', cohortId: cohort._id, reason: 'Samtidig',
        sessions: [{ sessionId: sessions[1]!._id, sequence: 1, set: { ...osloInterval(date, '16:00', '19:00'), status: 'moved' } }],
      }, new Date());
      const outcomes = await Promise.allSettled([move('2027-03-19'), move('2027-03-20')]);
      expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(ConflictError);
    });
  });
});
