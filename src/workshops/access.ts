import type { Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { Cohort } from './cohort.model.js';
import { Garden } from './garden.model.js';
import { type Id, idOrNotFound } from '../shared/db/ids.js';

// Ids as a model stores them or as queries.ts hands them to other components.
type Ids = ReadonlyArray<Types.ObjectId | string>;
const has = (ids: Ids | undefined, id: string) => (ids ?? []).some((x) => String(x) === id);

/** Admins manage every garden; a coordinator manages the gardens they are bound to. */
export function managesGarden(account: AccountView, garden: { coordinatorIds: Ids }): boolean {
  return account.roles.includes('admin') || (account.roles.includes('coordinator') && has(garden.coordinatorIds, account.id));
}

/** A trainer teaches the cohorts that name them. */
export function teachesCohort(account: AccountView, cohort: { trainerIds: Ids }): boolean {
  return account.roles.includes('trainer') && has(cohort.trainerIds, account.id);
}

/** Loads a garden the account manages, or throws 404/403. */
export async function assertManagesGarden(account: AccountView, gardenId: Id) {
  const garden = await Garden.findById(idOrNotFound(gardenId)).lean();
  if (!garden) throw new NotFoundError();
  if (!managesGarden(account, garden)) throw new ForbiddenError();
  return garden;
}

/** Loads a cohort with its garden when the account manages the garden, or throws 404/403. */
export async function assertManagesCohort(account: AccountView, cohortId: Id) {
  const cohort = await Cohort.findById(idOrNotFound(cohortId)).lean();
  if (!cohort) throw new NotFoundError();
  const garden = await assertManagesGarden(account, cohort.gardenId);
  return { cohort, garden };
}

/** Loads a cohort for its staff: coordinators of its garden, its trainers and admins; others get 403. */
export async function assertStaffOfCohort(account: AccountView, cohortId: Id) {
  const cohort = await Cohort.findById(idOrNotFound(cohortId)).lean();
  if (!cohort) throw new NotFoundError();
  const garden = await Garden.findById(cohort.gardenId).lean();
  if (!garden) throw new NotFoundError();
  if (!managesGarden(account, garden) && !teachesCohort(account, cohort)) throw new ForbiddenError();
  return { cohort, garden };
}
