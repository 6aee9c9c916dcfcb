// Reads other components may make of workshops' data: plain objects, string ids.
import { trusted, type Types } from 'mongoose';
import { WaitlistPlace } from './enrolment.model.js';
import { Garden } from './garden.model.js';

/** The ids of the gardens this account coordinates. */
export async function gardenIdsCoordinatedBy(accountId: string): Promise<string[]> {
  return (await Garden.find({ coordinatorIds: accountId }, { _id: 1 }).lean()).map((g) => String(g._id));
}

/** A company's place on a cohort's waitlist, 1 being next; undefined when it is not waiting. */
export async function waitlistRank(cohortId: string | Types.ObjectId, companyId: string | Types.ObjectId): Promise<number | undefined> {
  const mine = await WaitlistPlace.findOne({ cohortId, companyId }, { position: 1 }).lean();
  if (!mine) return undefined;
  return 1 + (await WaitlistPlace.countDocuments({ cohortId, position: trusted({ $lt: mine.position }) }));
}
