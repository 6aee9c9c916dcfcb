import { trusted } from 'mongoose';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { Strategy, StrategyReviewer, type StrategyStatus } from './strategy.model.js';

/*
 * The lists of strategies that reviewers and assigners read. FerretDB reads the whole strategies
 * collection for `$in`, `$or` or `$exists`, so each list is a cache proven fresh by point lookups
 * (shared/db/fresh-cache.ts): a cohort's strategies under the cohort's scope, which every write of
 * one of them notes, and the self-paced ones with their assigned reviewers under one scope, which
 * every write of a self-paced strategy or of an assignment notes (strategy.model.ts).
 */

/** A strategy as lists show it. */
export interface StrategyRow {
  id: string;
  companyId: string;
  status: StrategyStatus;
  courseSlug: string;
  cohortId?: string;
  updatedAt: Date;
  /** The reviewer assigned to a self-paced strategy, once one is. */
  trainerId?: string;
}

const FIELDS = { companyId: 1, status: 1, courseSlug: 1, cohortId: 1, updatedAt: 1 };
type Listed = { _id: unknown; companyId: unknown; status: string; courseSlug: string; cohortId?: unknown; updatedAt: Date };

// Only present fields are stored: an undefined field would come back from the cache as null.
const toRow = (s: Listed, trainerId?: string): StrategyRow => ({
  id: String(s._id), companyId: String(s.companyId), status: s.status as StrategyStatus, courseSlug: s.courseSlug, updatedAt: s.updatedAt,
  ...(s.cohortId ? { cohortId: String(s.cohortId) } : {}), ...(trainerId ? { trainerId } : {}),
});

/** The strategies written in one cohort; two point lookups while nothing in the cohort changed. */
export function strategiesOfCohort(cohortId: string): Promise<StrategyRow[]> {
  return readThroughCache(`strategy-rows-of-cohort:${cohortId}`, [scopes.cohort(cohortId)], async () =>
    (await Strategy.find({ cohortId }, FIELDS).lean()).map((s) => toRow(s)));
}

/** Every self-paced strategy with its assigned reviewer; two point lookups while none of them changed. */
export function selfPacedStrategies(): Promise<StrategyRow[]> {
  return readThroughCache('self-paced-strategies', [scopes.selfPaced], async () => {
    const [strategies, assignments] = await Promise.all([
      Strategy.find({ cohortId: trusted({ $exists: false }) }, FIELDS).lean(),
      // Every assignment is of a self-paced strategy, so all of them are read rather than asked for with $in.
      StrategyReviewer.find({}, { strategyId: 1, trainerId: 1 }).lean(),
    ]);
    const trainerOf = new Map(assignments.map((a) => [String(a.strategyId), String(a.trainerId)]));
    return strategies.map((s) => toRow(s, trainerOf.get(String(s._id))));
  });
}

/** Newest change first. */
export const byUpdatedDesc = (a: StrategyRow, b: StrategyRow) => b.updatedAt.getTime() - a.updatedAt.getTime();
