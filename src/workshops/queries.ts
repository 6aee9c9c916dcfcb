// Reads other components may make of workshops' data: plain objects, string ids.
import { trusted, type Types } from 'mongoose';
import { Cohort, WorkshopSession } from './cohort.model.js';
import { Enrolment } from './enrolment.model.js';
import { Garden } from './garden.model.js';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';

/** The ids of the gardens this account coordinates. */
export async function gardenIdsCoordinatedBy(accountId: string): Promise<string[]> {
  return (await Garden.find({ coordinatorIds: accountId }, { _id: 1 }).lean()).map((g) => String(g._id));
}

/** A company's place on a cohort's waitlist, 1 being next; undefined when it is not waiting. */
export { waitlistRank } from './seats.js';

/** Which companies are enrolled (not waiting) in these cohorts. */
export async function enrolledCompaniesOf(cohortIds: Array<string | Types.ObjectId>): Promise<Array<{ cohortId: string; companyId: string }>> {
  const enrolments = await Enrolment.find({ cohortId: trusted({ $in: cohortIds }), status: 'enrolled' }, { cohortId: 1, companyId: 1 }).lean();
  return enrolments.map((e) => ({ cohortId: String(e.cohortId), companyId: String(e.companyId) }));
}

/** The cohorts of these gardens, newest enrolment deadline first; each garden's list is cached (two point lookups while unchanged). */
export async function cohortsOfGardens(gardenIds: Array<string | Types.ObjectId>): Promise<Array<{ id: string; gardenId: string; title: string; minSessionsAttended: number }>> {
  const lists = await Promise.all(gardenIds.map((gardenId) => readThroughCache(`cohorts-of-garden:${gardenId}`, [scopes.garden(gardenId)], async () => {
    const cohorts = await Cohort.find({ gardenId }, { gardenId: 1, title: 1, minSessionsAttended: 1, enrolmentDeadline: 1 }).lean();
    return cohorts.map((c) => ({ id: String(c._id), gardenId: String(c.gardenId), title: c.title, minSessionsAttended: c.minSessionsAttended, deadline: c.enrolmentDeadline.getTime() }));
  })));
  return lists.flat().sort((a, b) => b.deadline - a.deadline).map(({ deadline: _deadline, ...c }) => c);
}

/** A cohort's sessions by position, as plain data. Filters on cohortId alone: top-level equality, which FerretDB on PostgreSQL pushes down. */
export async function sessionsOfCohort(cohortId: string | Types.ObjectId) {
  const sessions = await WorkshopSession.find({ cohortId }, { position: 1, moduleSlug: 1, startsAt: 1, endsAt: 1, room: 1, status: 1, checkInCode: 1 }).lean();
  return sessions.sort((a, b) => a.position - b.position).map((s) => ({
    id: String(s._id), position: s.position, moduleSlug: s.moduleSlug, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, status: s.status ?? 'scheduled', checkInCode: s.checkInCode ?? undefined,
  }));
}

/** The enrolled companies of a cohort (not pending or waitlisted) and their listed participants. */
export async function enrolledParticipantsOf(cohortId: string | Types.ObjectId): Promise<Array<{ companyId: string; participantIds: string[] }>> {
  const enrolments = await Enrolment.find({ cohortId }, { companyId: 1, participantIds: 1, status: 1 }).lean();
  return enrolments.filter((e) => e.status === 'enrolled').map((e) => ({ companyId: String(e.companyId), participantIds: e.participantIds.map(String) }));
}

/** A cohort's title and completion rule by id (a point lookup), or undefined. */
export async function cohortById(cohortId: string | Types.ObjectId) {
  const cohort = await Cohort.findById(cohortId, { title: 1, minSessionsAttended: 1, gardenId: 1 }).lean();
  return cohort ? { id: String(cohort._id), gardenId: String(cohort.gardenId), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended } : undefined;
}
