import type { AccountView } from '../accounts/index.js';
import { calendarSessions, type CalendarSettings, type CohortBundle, cohortCalendar, loadCohortBundles } from '../calendar/index.js';
import { NotFoundError } from '../shared/errors.js';
import type { DomainEvent, DomainEvents } from '../shared/events.js';
import { assertManagesCohort, NotEnrolledError } from '../workshops/index.js';
import { enrolmentOf, waitlistRank } from '../workshops/queries.js';
import { cohortEmailData, cohortRefs } from './email-context.js';
import type { Mailer, MailTemplate } from './mailer.js';
import { enrolmentRecipients, formerRecipients, sequenceOffset, type Recipient } from './recipients.js';
import { scheduleReminders } from './reminders.js';
import { type Id, toObjectId } from '../shared/db/ids.js';


export interface NotificationDeps extends CalendarSettings {
  mailer: Mailer;
  now: () => Date;
  /** Reminders go out the day before each session at this hour, Norwegian time. */
  reminderHour: number;
}

/**
 * The emails that follow from enrolments. Each is recorded in the outbox by an
 * awaited event handler, so it is part of the action that caused it;
 * invitations carry the cohort's sessions as METHOD:REQUEST, and cancellations
 * as METHOD:CANCEL with the same UIDs. Session and cohort changes reach many
 * people and are told by the fan-out (fan-out.ts) from a recorded change.
 */
export function createNotifications(deps: NotificationDeps) {
  const reminders = { mailer: deps.mailer, catalogue: deps.catalogue, baseUrl: deps.baseUrl, now: deps.now, hour: deps.reminderHour };

  const loadBundle = async (cohortId: Id) => (await loadCohortBundles({ cohortIds: [cohortId] }))[0];
  const refs = cohortRefs;
  const common = (bundle: CohortBundle, person: Recipient, extra: Record<string, unknown> = {}) => cohortEmailData(bundle, person, deps, extra);

  /** The cohort's sessions still ahead, as this person's calendar sees them. */
  async function upcoming(bundle: CohortBundle, person: Recipient, extraSequence = 0) {
    const offset = (await sequenceOffset(bundle.cohort.id, person.email)) + extraSequence;
    const now = deps.now();
    return calendarSessions(bundle, person.language, deps, { sequenceOffset: offset }).filter((s) => !s.cancelled && s.endsAt > now);
  }

  async function invite(template: MailTemplate, bundle: CohortBundle, companyId: Id, person: Recipient, extra: Record<string, unknown> = {}) {
    const sessions = await upcoming(bundle, person);
    const content = sessions.length
      ? cohortCalendar(bundle.cohort.title, sessions, { stamp: deps.now(), invitation: { method: 'REQUEST', attendee: person } })
      : undefined;
    await deps.mailer.queue({
      template, to: person.email, language: person.language, data: common(bundle, person, extra),
      calendar: content ? { method: 'REQUEST', content } : undefined, refs: refs(bundle, companyId, person),
    });
  }

  async function enrolmentCancelled(bundle: CohortBundle, companyId: string, reason?: string) {
    for (const person of await formerRecipients(bundle.cohort.id, companyId)) {
      // One step past what they were sent, so clients accept the CANCEL as newer.
      const sessions = person.invited ? await upcoming(bundle, person, 1) : [];
      const content = sessions.length
        ? cohortCalendar(bundle.cohort.title, sessions, { stamp: deps.now(), invitation: { method: 'CANCEL', attendee: person } })
        : undefined;
      await deps.mailer.queue({
        template: 'enrolment-cancelled', to: person.email, language: person.language, data: common(bundle, person, { reason }),
        calendar: content ? { method: 'CANCEL', content } : undefined, refs: refs(bundle, companyId, person),
      });
    }
  }

  async function enrolmentChanged(event: Extract<DomainEvent, { type: 'enrolment.changed' }>) {
    const bundle = await loadBundle(event.cohortId);
    if (!bundle) return;
    if (event.change === 'cancelled') return enrolmentCancelled(bundle, event.companyId, event.reason);
    const enrolment = await enrolmentOf(bundle.cohort.id, event.companyId);
    if (!enrolment) return;
    const everyone = await enrolmentRecipients(enrolment);
    // A colleague who joins gets what the company got, and nobody else is mailed again.
    const joined = event.change === 'joined';
    const people = joined ? everyone.filter((p) => p.userId === event.actorId) : everyone;
    const change = joined ? (enrolment.status === 'waitlisted' ? 'waitlisted' : 'enrolled') : event.change;
    if (change === 'waitlisted') {
      const rank = await waitlistRank(bundle.cohort.id, event.companyId);
      for (const person of people) {
        await deps.mailer.queue({
          template: 'enrolment-waitlisted', to: person.email, language: person.language,
          data: common(bundle, person, { rank }), refs: refs(bundle, event.companyId, person),
        });
      }
      return;
    }
    const template = change === 'promoted' ? 'enrolment-promoted' : 'enrolment-confirmed';
    for (const person of people) await invite(template, bundle, event.companyId, person);
    await scheduleReminders(reminders, bundle, [{ companyId: event.companyId, people }]);
  }

  return {
    /** Subscribes the handlers; DomainEvents awaits them, so every email is queued before the action returns. */
    subscribe(events: DomainEvents) {
      events.subscribe(async (event) => {
        if (event.type === 'enrolment.changed') await enrolmentChanged(event);
        // The change is recorded; a worker tells everyone, so the coordinator need not wait for 90 emails.
        else if (event.type === 'calendar.changed') deps.mailer.wakeFanOut?.();
      });
    },

    /** Sends an enrolled company's people the cohort's invitations again (and queues missing reminders); returns how many. */
    async resendInvites(actor: AccountView, cohortId: string, companyId: string): Promise<number> {
      const { cohort } = await assertManagesCohort(actor, cohortId);
      const companyObjectId = toObjectId(companyId);
      const enrolment = companyObjectId && await enrolmentOf(cohort._id, companyObjectId);
      if (!enrolment || enrolment.status !== 'enrolled') throw new NotEnrolledError();
      const bundle = await loadBundle(cohort._id);
      if (!bundle) throw new NotFoundError();
      const people = await enrolmentRecipients(enrolment);
      for (const person of people) await invite('invites-resent', bundle, companyId, person);
      await scheduleReminders(reminders, bundle, [{ companyId, people }]);
      return people.length;
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
