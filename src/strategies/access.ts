import { isValidObjectId } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { managesGarden, teachesCohort } from '../workshops/index.js';
import { cohortById, gardenById, type CohortView } from '../workshops/queries.js';
import { Strategy, StrategyReviewer, type StrategyDoc } from './strategy.model.js';

/** What the account may do with one strategy it is allowed to see. */
export interface StrategyAccess {
  strategy: StrategyDoc;
  cohort?: CohortView;
  /** A person of the company: writes, submits and records assessments. */
  isCompany: boolean;
  /** The cohort's trainer, or the trainer assigned to a self-paced strategy: comments and decides. */
  isReviewer: boolean;
  /** A coordinator of the cohort's garden, or an admin: reads and follows up. */
  isStaff: boolean;
}

/** Whether the account may review: the cohort's trainers, or for self-paced strategies the assigned trainer. */
async function reviews(account: AccountView, strategy: StrategyDoc, cohort: CohortView | undefined): Promise<boolean> {
  if (!account.roles.includes('trainer')) return false;
  if (cohort) return teachesCohort(account, cohort);
  const assignment = await StrategyReviewer.findOne({ strategyId: strategy._id }, { trainerId: 1 }).lean();
  return String(assignment?.trainerId) === account.id;
}

/**
 * Loads a strategy for someone allowed to see it: its company, its reviewers,
 * the coordinators of its cohort and admins. Everyone else gets 404, so a
 * strategy's existence is not revealed to people outside it.
 */
export async function assertCanSeeStrategy(account: AccountView, strategyId: string): Promise<StrategyAccess> {
  if (!isValidObjectId(strategyId)) throw new NotFoundError();
  const strategy = await Strategy.findById(strategyId).lean();
  if (!strategy) throw new NotFoundError();
  const cohort = strategy.cohortId ? await cohortById(strategy.cohortId) : undefined;
  const garden = cohort ? await gardenById(cohort.gardenId) : undefined;
  const isCompany = account.companyId === String(strategy.companyId);
  const isReviewer = await reviews(account, strategy, cohort);
  const isStaff = account.roles.includes('admin') || (garden !== undefined && managesGarden(account, garden));
  if (!isCompany && !isReviewer && !isStaff) throw new NotFoundError();
  return { strategy, cohort, isCompany, isReviewer, isStaff };
}

/** Only the company's own people write, submit and assess; others who may see it get 403. */
export function assertCompany(access: StrategyAccess): void {
  if (!access.isCompany) throw new ForbiddenError('strategies.errors.companyOnly');
}

/** Only the strategy's reviewer comments, decides and reopens. */
export function assertReviewer(access: StrategyAccess): void {
  if (!access.isReviewer) throw new ForbiddenError('strategies.errors.reviewerOnly');
}
