import { calendarSessions, type CohortBundle, cohortCalendar, loadCohortBundles, sessionCalendar } from '../calendar/index.js';
import { applyCalendarChange, finishCalendarChange, isOvertaken, noteTold, type StoredCalendarChange } from '../workshops/index.js';
import { enrolmentsOfCohort } from '../workshops/queries.js';
import { cohortEmailData, cohortRefs } from './email-context.js';
import type { MailRequest } from './mailer.js';
import type { NotificationDeps } from './notifications.js';
import { recipientsOfEnrolments, sequenceOffsets, type Recipient } from './recipients.js';
import { scheduleReminders } from './reminders.js';

/** How a fan-out ended: everyone told, or stopped part-way (shutdown) with its progress stored. */
export type FanOutResult = 'done' | 'paused';

/**
 * Tells everyone a recorded calendar change concerns: an update (REQUEST, same
 * UID, higher SEQUENCE) for a move or a new title or address, a CANCEL for a
 * cancelled session. Safe to run again at any point, by any worker: each email
 * is keyed by the change (session or cohort, and SEQUENCE) and the person, so
 * the outbox stores it once, and the people already told are noted on the
 * change so a resumed fan-out skips them.
 */
export function createFanOut(deps: NotificationDeps) {
  const reminders = { mailer: deps.mailer, catalogue: deps.catalogue, baseUrl: deps.baseUrl, now: deps.now, hour: deps.reminderHour };

  /** The email one person gets about the change, or undefined when nothing in their calendar is concerned. */
  function emailFor(change: StoredCalendarChange, bundle: CohortBundle, companyId: string, person: Recipient, offset: number): MailRequest | undefined {
    const sessionIds = change.sessions.map((s) => String(s.sessionId));
    const data = cohortEmailData(bundle, person, deps, { reason: change.reason });
    const key = `calendar:${change._id}:${person.userId}`;
    if (change.kind === 'updated') {
      const now = deps.now();
      const ahead = calendarSessions(bundle, person.language, deps, { sessionIds, sequenceOffset: offset }).filter((s) => !s.cancelled && s.endsAt > now);
      if (!ahead.length) return undefined;
      const content = cohortCalendar(bundle.cohort.title, ahead, { stamp: now, invitation: { method: 'REQUEST', attendee: person } });
      return { template: 'calendar-updated', to: person.email, language: person.language, data, key, calendar: { method: 'REQUEST', content }, refs: cohortRefs(bundle, companyId, person) };
    }
    const session = bundle.sessions.find((s) => s.id === sessionIds[0]);
    const [entry] = calendarSessions(bundle, person.language, deps, { sessionIds, sequenceOffset: offset });
    if (!session || !entry) return undefined;
    const method = change.kind === 'moved' ? 'REQUEST' : 'CANCEL';
    const content = sessionCalendar(entry, { stamp: deps.now(), invitation: { method, attendee: person } });
    const line = data.sessions.find((l) => l.id === session.id);
    return {
      template: `session-${change.kind}`, to: person.email, language: person.language, key,
      data: { ...data, session: line, position: session.position }, calendar: { method, content }, refs: cohortRefs(bundle, companyId, person, session.id),
    };
  }

  return {
    /** Finishes storing the change if its request died, then records every email it calls for; `stopping` pauses between companies. */
    async tell(change: StoredCalendarChange, stopping: () => boolean): Promise<FanOutResult> {
      await applyCalendarChange(change);
      const [bundle] = await loadCohortBundles({ cohortIds: [change.cohortId] });
      // A later change of the same sessions tells their newest state, so a move it overtook need not be told too.
      // A cancellation always is: a later update (REQUEST) leaves cancelled sessions out, which removes nothing.
      if (!bundle || (change.kind !== 'cancelled' && (await isOvertaken(change)))) {
        await finishCalendarChange(change._id);
        return 'done';
      }
      const enrolments = await enrolmentsOfCohort(bundle.cohort.id, 'enrolled');
      const [groups, offsetOf] = await Promise.all([recipientsOfEnrolments(enrolments), sequenceOffsets(bundle.cohort.id)]);
      const told = new Set(change.told);
      for (const { enrolment, people } of groups) {
        const pending = people.filter((p) => !told.has(p.userId));
        if (!pending.length) continue;
        if (stopping()) return 'paused';
        for (const person of pending) {
          const email = emailFor(change, bundle, String(enrolment.companyId), person, offsetOf(person.email));
          if (email) await deps.mailer.queue(email);
        }
        await noteTold(change._id, pending.map((p) => p.userId));
      }
      // A new SEQUENCE makes the old reminders obsolete: queue them again under the new one.
      if (change.kind !== 'cancelled') {
        await scheduleReminders(reminders, bundle, groups.map((g) => ({ companyId: String(g.enrolment.companyId), people: g.people })), change.sessions.map((s) => String(s.sessionId)));
      }
      await finishCalendarChange(change._id);
      return 'done';
    },
  };
}

export type FanOut = ReturnType<typeof createFanOut>;
