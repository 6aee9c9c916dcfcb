import { Types } from 'mongoose';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { findEachById } from '../shared/db/point-lookups.js';
import { Enrolment, type EnrolmentDoc } from './enrolment.model.js';

/*
 * A company's enrolments and the enrolments that list a person, asked from the company's or the
 * person's side (dashboards, feeds, check-in). FerretDB would read every enrolment for either, so
 * each is a cache of enrolment ids proven fresh by one point lookup (shared/db/fresh-cache.ts): a
 * write that names the company or lists the person notes their scope (enrolment.model.ts). A write
 * that takes a person off an enrolment is not noted, and a deleted enrolment needs no note: readers
 * look each enrolment up by `_id` and check it against its current fields, so the cache may hold
 * more than the truth but never less.
 */

const asObjectId = (id: unknown) => (Types.ObjectId.isValid(String(id)) ? new Types.ObjectId(String(id)) : undefined);

/** The enrolments whose ids a cache holds, in the order they were created, each read by `_id`. */
async function enrolmentsListed(key: string, scope: string, build: () => Promise<Array<{ _id: Types.ObjectId }>>): Promise<EnrolmentDoc[]> {
  const ids = await readThroughCache(key, [scope], async () => (await build()).map((e) => String(e._id)).sort());
  return findEachById(ids, (id) => Enrolment.findById(id).lean());
}

/** The company's enrolments in any cohort, whatever their status; point lookups while nothing of the company changed. */
export async function enrolmentsOfCompany(companyId: unknown): Promise<EnrolmentDoc[]> {
  const id = asObjectId(companyId);
  if (!id) return [];
  const found = await enrolmentsListed(`enrolments-of-company:${String(id)}`, scopes.company(id), () => Enrolment.find({ companyId: id }, { _id: 1 }).lean());
  return found.filter((e) => e.companyId.equals(id));
}

/** The enrolments that list this person as a participant, whatever their status; point lookups while nothing of the person changed. */
export async function enrolmentsListing(personId: unknown): Promise<EnrolmentDoc[]> {
  const id = asObjectId(personId);
  if (!id) return [];
  const found = await enrolmentsListed(`enrolments-listing:${String(id)}`, scopes.participant(id), () => Enrolment.find({ participantIds: id }, { _id: 1 }).lean());
  return found.filter((e) => e.participantIds.some((p) => p.equals(id)));
}
