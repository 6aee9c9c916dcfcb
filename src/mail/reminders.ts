import { DateTime } from 'luxon';
import { trusted } from 'mongoose';
import { contactsByIds } from '../accounts/queries.js';
import { type CohortBundle, cohortLink, sessionWhen } from '../calendar/index.js';
import type { CourseCatalogue } from '../courses/index.js';
import { enrolmentOf, sessionById } from '../workshops/queries.js';
import type { Mailer } from './mailer.js';
import { OutboxMessage, type OutboxMessageDoc } from './outbox.model.js';
import { isRecipientOf, type Recipient } from './recipients.js';
import { NORWAY_ZONE } from '../shared/i18n/format.js';

/** When a session's reminder is due: the day before, at `hour` o'clock in Norway. */
export function reminderTime(startsAt: Date, hour: number): Date {
  return DateTime.fromJSDate(startsAt).setZone(NORWAY_ZONE).minus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

const reminderKey = (sessionId: string, sequence: number, userId: string) => `reminder:${sessionId}:${sequence}:${userId}`;

export interface ReminderDeps {
  mailer: Mailer;
  catalogue: CourseCatalogue;
  baseUrl: string;
  now: () => Date;
  hour: number;
}

/** The people of one company an enrolment's reminders go to. */
export interface ReminderGroup {
  companyId: string;
  people: Recipient[];
}

/**
 * Queues the day-before reminder of each session still ahead, for each person.
 * A reminder is keyed by session, SEQUENCE and person, so queuing it again
 * (a resend, a re-enrolment) stores nothing new; a move gives a new SEQUENCE,
 * and the worker finds the old reminder obsolete. Many companies at once cost
 * one look at the outbox.
 */
export async function scheduleReminders(deps: ReminderDeps, bundle: CohortBundle, groups: ReminderGroup[], sessionIds?: string[]): Promise<void> {
  const now = deps.now();
  const due = bundle.sessions.filter((s) => s.status !== 'cancelled' && (!sessionIds || sessionIds.includes(s.id)) && reminderTime(s.startsAt, deps.hour) > now);
  const wanted = due.flatMap((session) => groups.flatMap(({ companyId, people }) =>
    people.map((person) => ({ session, person, companyId, key: reminderKey(session.id, session.sequence, person.userId) }))));
  if (!wanted.length) return;
  const known = new Set((await OutboxMessage.find({ key: trusted({ $in: wanted.map((w) => w.key) }) }, { key: 1 }).lean()).map((m) => m.key));
  for (const { session, person, companyId, key } of wanted.filter((w) => !known.has(w.key))) {
    const module = deps.catalogue.get(bundle.cohort.courseSlug, person.language)?.modules.find((m) => m.slug === session.moduleSlug);
    await deps.mailer.queue({
      template: 'session-reminder', to: person.email, language: person.language, key,
      notBefore: reminderTime(session.startsAt, deps.hour),
      data: {
        name: person.name, cohort: bundle.cohort.title, position: session.position, module: module?.title ?? session.moduleSlug,
        ...sessionWhen(session, person.language), room: session.room, garden: bundle.garden.name, address: bundle.garden.address,
        link: cohortLink(deps.baseUrl, bundle.cohort.id), moduleLink: `${deps.baseUrl}/courses/${bundle.cohort.courseSlug}/modules/${session.moduleSlug}`,
      },
      refs: { gardenId: bundle.garden.id, cohortId: bundle.cohort.id, companyId, sessionId: session.id, userId: person.userId },
      reminderOf: { sessionId: session.id, sequence: session.sequence, companyId },
    });
  }
}

/**
 * Asked by the worker just before a reminder goes out: the session is neither
 * cancelled nor changed since (same SEQUENCE) nor begun, and the person is
 * still a participant of an enrolled company.
 */
export async function reminderStillWanted(message: OutboxMessageDoc, now: Date): Promise<boolean> {
  const { sessionId, sequence, companyId } = message.reminderOf ?? {};
  if (!sessionId || !companyId || !message.userId) return false;
  const session = await sessionById(sessionId);
  if (!session || session.status === 'cancelled' || session.sequence !== sequence || session.startsAt <= now) return false;
  const [enrolment, [user]] = await Promise.all([enrolmentOf(session.cohortId, companyId), contactsByIds([message.userId])]);
  return enrolment?.status === 'enrolled' && user !== undefined && isRecipientOf(enrolment, user);
}
