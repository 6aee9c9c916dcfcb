import { expect } from 'chai';
import { DateTime } from 'luxon';
import { reminderTime } from '../../src/mail/reminders.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { submitForm } from '../support/http.js';
import { about, changesTold, coordinatorCohort, enrolFromPage, participant } from './support.js';
import { outboxSettled } from '../support/outbox.js';

describe('mail', () => {
  describe('reminders', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    /** Moves the app's clock (and so the worker's) to an Oslo wall-clock time. */
    const setClock = (osloTime: string) => {
      const target = DateTime.fromISO(osloTime, { zone: 'Europe/Oslo' }).toMillis();
      t.clock.advanceMinutes((target - t.clock.now().getTime()) / 60_000);
      t.mail.worker.kick();
    };

    it('when a reminder time falls on either side of a clock change, then it is noon in Oslo the day before', () => {
      expect(reminderTime(new Date('2027-03-29T14:00:00Z'), 12).toISOString()).to.equal('2027-03-28T10:00:00.000Z');
      expect(reminderTime(new Date('2027-11-01T15:00:00Z'), 12).toISOString()).to.equal('2027-10-31T11:00:00.000Z');
    });

    it('when a participant enrols, then a reminder per session waits for noon the day before', async () => {
      const { cohortId, sessions } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      const reminders = await OutboxMessage.find({ template: 'session-reminder' }).sort({ notBefore: 1 }).lean();
      expect(reminders.map((r) => r.notBefore.toISOString())).to.deep.equal(sessions.map((s) => reminderTime(s.startsAt, 12).toISOString()));
      expect(reminders.every((r) => r.status === 'queued' && r.to === ola.email)).to.equal(true);
    });

    it('when the day before comes, then the reminder of a moved session is sent once and stale ones are obsolete', async () => {
      const { cohortId, sessions, agent } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      const form = {
        reason: 'Flyttet en dag', sessionId: sessions.map((s) => String(s._id)),
        date: ['2027-03-11', '2027-03-19', '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-22'],
        start: sessions.map(() => '16:00'), end: sessions.map(() => '19:00'), room: sessions.map(() => 'Storsalen'),
      };
      expect((await submitForm(agent, `/cohorts/${cohortId}/manage`, form, `/cohorts/${cohortId}/sessions`)).status).to.equal(302);
      // The move's reminders are queued by the fan-out, which must be done before the day comes.
      await changesTold();
      setClock('2027-03-18T13:00');
      const mail = await t.smtp.waitFor(about(ola.email, 'I morgen:'), 10_000);
      expect(mail.subject).to.equal('I morgen: Digital strategi våren 2027, samling 2');
      expect(mail.text).to.contain('fredag 19. mars 2027 kl. 16:00–19:00');
      expect(mail.text).to.contain('Ta med:');
      expect(mail.text).to.contain(`http://localhost:3000/courses/digital-strategy/modules/${sessions[1]!.moduleSlug}`);
      expect(mail.text).to.contain(`http://localhost:3000/workshops/${cohortId}`);
      await outboxSettled(t.clock.now());
      const reminders = await OutboxMessage.find({ template: 'session-reminder' }).lean();
      const count = (status: string) => reminders.filter((r) => r.status === status).length;
      // Session 1 has begun and session 2's first reminder has an old SEQUENCE; sessions 3–6 are not due.
      expect({ sent: count('sent'), obsolete: count('obsolete'), queued: count('queued') }).to.deep.equal({ sent: 1, obsolete: 2, queued: 4 });
      expect(t.smtp.messages.filter(about(ola.email, 'I morgen:'))).to.have.length(1);
    });

    it('when the company withdrew before the day, then its reminder is obsolete and not sent', async () => {
      const { cohortId } = await coordinatorCohort(t);
      const ola = await participant(t);
      await enrolFromPage(ola.agent, cohortId);
      await submitForm(ola.agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/withdraw`);
      setClock('2027-03-10T12:30');
      await outboxSettled(t.clock.now());
      expect(await OutboxMessage.countDocuments({ template: 'session-reminder', status: 'obsolete' })).to.equal(1);
      expect(t.smtp.messages.filter(about(ola.email, 'I morgen:'))).to.have.length(0);
    });
  });
});
