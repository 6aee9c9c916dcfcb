import { Types } from 'mongoose';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { findEachById } from '../shared/db/point-lookups.js';
import { Cohort, type CohortDoc } from './cohort.model.js';
import { Garden, type GardenDoc } from './garden.model.js';

/*
 * Who teaches which cohort and who coordinates which garden is stored on the cohort (`trainerIds`)
 * and the garden (`coordinatorIds`). Asked the other way round ("what does this person teach?"),
 * FerretDB would read both collections whole, so each person's posts are a cache proven fresh by
 * one point lookup (shared/db/fresh-cache.ts): a write that names a person in either list notes
 * their scope. A write that takes a person off a list is not noted (the old list is gone by then);
 * readers instead check every cohort and garden they look up by `_id` against its current list,
 * so the cache may hold more than the truth but never less.
 */

interface Posts { cohortIds: string[]; gardenIds: string[] }

/** The ids of the cohorts a person may teach and the gardens they may coordinate (a superset; see above). */
async function postsOf(personId: Types.ObjectId): Promise<Posts> {
  return readThroughCache(`staff-posts:${String(personId)}`, [scopes.staff(personId)], async () => {
    const [cohorts, gardens] = await Promise.all([
      Cohort.find({ trainerIds: personId }, { _id: 1 }).lean(),
      Garden.find({ coordinatorIds: personId }, { _id: 1 }).lean(),
    ]);
    return { cohortIds: cohorts.map((c) => String(c._id)), gardenIds: gardens.map((g) => String(g._id)) };
  });
}

const listed = (ids: Types.ObjectId[] | undefined, personId: Types.ObjectId) => (ids ?? []).some((id) => id.equals(personId));
const asObjectId = (id: unknown) => (Types.ObjectId.isValid(String(id)) ? new Types.ObjectId(String(id)) : undefined);

/** The cohorts that name this person as a trainer and the gardens that name them as a coordinator, each in the order they were created; point lookups only. */
export async function staffPostsOf(personId: unknown): Promise<{ cohorts: CohortDoc[]; gardens: GardenDoc[] }> {
  const id = asObjectId(personId);
  if (!id) return { cohorts: [], gardens: [] };
  const { cohortIds, gardenIds } = await postsOf(id);
  const [cohorts, gardens] = await Promise.all([
    findEachById([...cohortIds].sort(), (cohortId) => Cohort.findById(cohortId).lean()),
    findEachById([...gardenIds].sort(), (gardenId) => Garden.findById(gardenId).lean()),
  ]);
  return { cohorts: cohorts.filter((c) => listed(c.trainerIds, id)), gardens: gardens.filter((g) => listed(g.coordinatorIds, id)) };
}

/** The cohorts that name this person as a trainer. */
export async function cohortsTaughtBy(personId: unknown): Promise<CohortDoc[]> {
  return (await staffPostsOf(personId)).cohorts;
}

/** The gardens that name this person as a coordinator. */
export async function gardensCoordinatedBy(personId: unknown): Promise<GardenDoc[]> {
  return (await staffPostsOf(personId)).gardens;
}
