import { trusted } from 'mongoose';
import { contactsByIds, contactsOfCompany, type Contact } from '../accounts/queries.js';
import type { Language } from '../shared/i18n/index.js';
import { OutboxMessage } from './outbox.model.js';
import type { Id } from '../shared/db/ids.js';


/** A person an email goes to, in their language. */
export interface Recipient {
  userId: string;
  name: string;
  email: string;
  language: Language;
}

/** Templates that tell a company's people about their enrolment; a cancellation goes to whoever received them. */
export const ENROLMENT_TEMPLATES = ['enrolment-confirmed', 'enrolment-waitlisted', 'enrolment-promoted', 'invites-resent'];
const INVITING_TEMPLATES = new Set(['enrolment-confirmed', 'enrolment-promoted', 'invites-resent']);

const toRecipient = (c: Contact): Recipient => ({ userId: c.id, name: c.name, email: c.email, language: c.language });
// The order a database sort by name gives (code points), which the enrolment emails have always gone out in.
const byName = (a: Contact, b: Contact) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The people an enrolment's emails go to: its participants; or, when it names
 * none (a coordinator enrolled the company by organisation number), everyone
 * in the company.
 */
export async function enrolmentRecipients(enrolment: { companyId: Id; participantIds: Id[] }): Promise<Recipient[]> {
  const people = enrolment.participantIds.length
    ? await contactsByIds(enrolment.participantIds)
    : await contactsOfCompany(enrolment.companyId);
  return people.sort(byName).map(toRecipient);
}

/** Whether a person still receives an enrolment's emails (the rule of enrolmentRecipients). */
export function isRecipientOf(enrolment: { companyId: Id; participantIds: Id[] }, user: { id: string; companyId?: string }): boolean {
  if (enrolment.participantIds.length) return enrolment.participantIds.some((id) => String(id) === user.id);
  return String(user.companyId) === String(enrolment.companyId);
}

/**
 * Who to tell that an enrolment was cancelled, once the enrolment itself is
 * deleted: everyone we emailed about it since its last cancellation (those who
 * got calendar invites are `invited`, and get a CANCEL); when we emailed nobody,
 * the company's people, without a calendar.
 */
export async function formerRecipients(cohortId: Id, companyId: Id): Promise<Array<Recipient & { invited: boolean }>> {
  const lastCancel = await OutboxMessage.findOne({ cohortId, companyId, template: 'enrolment-cancelled' }, { createdAt: 1 }).sort({ createdAt: -1 }).lean();
  const history = await OutboxMessage.find({
    cohortId, companyId, template: trusted({ $in: ENROLMENT_TEMPLATES }),
    ...(lastCancel ? { createdAt: trusted({ $gt: lastCancel.createdAt }) } : {}),
  }, { userId: 1, template: 1 }).lean();
  const invited = new Set(history.filter((m) => INVITING_TEMPLATES.has(m.template)).map((m) => String(m.userId)));
  const ids = [...new Set(history.map((m) => String(m.userId)))];
  const people = ids.length ? await contactsByIds(ids) : await contactsOfCompany(companyId);
  return people.map((p) => ({ ...toRecipient(p), invited: invited.has(p.id) }));
}

/**
 * How far a person's copy of a cohort's events is ahead of the sessions' own
 * SEQUENCE: two for every enrolment cancellation we sent them. The CANCEL went
 * out one step above what they had, so an invite after a re-enrolment needs one
 * more step to be newer than that CANCEL.
 */
export async function sequenceOffset(cohortId: Id, email: string): Promise<number> {
  return 2 * (await OutboxMessage.countDocuments({ cohortId, to: email, template: 'enrolment-cancelled', 'calendar.method': 'CANCEL' }));
}

/** sequenceOffset for everyone in a cohort at once, by address (one query for a fan-out rather than one per person). */
export async function sequenceOffsets(cohortId: Id): Promise<(email: string) => number> {
  const cancels = await OutboxMessage.find({ cohortId, template: 'enrolment-cancelled', 'calendar.method': 'CANCEL' }, { to: 1 }).lean();
  const counts = new Map<string, number>();
  for (const { to } of cancels) counts.set(to, (counts.get(to) ?? 0) + 2);
  return (email) => counts.get(email) ?? 0;
}

/** enrolmentRecipients for many enrolments of a cohort, each person and company read once; in the enrolments' order. */
export async function recipientsOfEnrolments<E extends { companyId: Id; participantIds: Id[] }>(enrolments: E[]): Promise<Array<{ enrolment: E; people: Recipient[] }>> {
  const named = enrolments.flatMap((e) => e.participantIds.map(String));
  const whole = enrolments.filter((e) => !e.participantIds.length).map((e) => String(e.companyId));
  const [byId, byCompany] = await Promise.all([
    contactsByIds(named),
    Promise.all([...new Set(whole)].map((companyId) => contactsOfCompany(companyId))).then((lists) => lists.flat()),
  ]);
  const sorted = (people: Contact[]) => people.sort((a, b) => a.name.localeCompare(b.name));
  return enrolments.map((enrolment) => {
    const users = enrolment.participantIds.length
      ? byId.filter((u) => enrolment.participantIds.some((id) => String(id) === u.id))
      : byCompany.filter((u) => u.companyId === String(enrolment.companyId));
    return { enrolment, people: sorted(users).map(toRecipient) };
  });
}
