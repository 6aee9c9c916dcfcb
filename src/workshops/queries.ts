// Reads other components may make of workshops' data: plain objects, string ids.
import { trusted, type Types } from 'mongoose';
import { Cohort } from './cohort.model.js';
import { Enrolment } from './enrolment.model.js';
import { Garden } from './garden.model.js';

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

/** The cohorts of these gardens, newest enrolment deadline first. */
export async function cohortsOfGardens(gardenIds: Array<string | Types.ObjectId>): Promise<Array<{ id: string; gardenId: string; title: string; minSessionsAttended: number }>> {
  const cohorts = await Cohort.find({ gardenId: trusted({ $in: gardenIds }) }, { gardenId: 1, title: 1, minSessionsAttended: 1 }).sort({ enrolmentDeadline: -1 }).lean();
  return cohorts.map((c) => ({ id: String(c._id), gardenId: String(c.gardenId), title: c.title, minSessionsAttended: c.minSessionsAttended }));
}
