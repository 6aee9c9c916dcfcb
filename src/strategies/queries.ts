// Reads other components may make of strategies' data: plain objects, string ids.
import { trusted, type Types } from 'mongoose';
import { MaturityAssessment } from './maturity/assessment.model.js';
import { Strategy, type StrategyStatus } from './strategy.model.js';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';

type Id = string | Types.ObjectId;

/** The strategies written in these cohorts: which company, and where each stands. */
export async function strategiesOfCohorts(cohortIds: Id[]): Promise<Array<{ id: string; cohortId: string; companyId: string; status: StrategyStatus }>> {
  const strategies = await Strategy.find({ cohortId: trusted({ $in: cohortIds }) }, { cohortId: 1, companyId: 1, status: 1 }).lean();
  return strategies.map((s) => ({ id: String(s._id), cohortId: String(s.cohortId), companyId: String(s.companyId), status: s.status }));
}

/** The overall maturity scores at enrolment (T0) and after the last session (T1) of these strategies. */
export async function maturityScores(strategyIds: Id[]): Promise<Array<{ strategyId: string; stage: 'T0' | 'T1'; overall: number }>> {
  const assessments = await MaturityAssessment.find({ strategyId: trusted({ $in: strategyIds }), stage: trusted({ $in: ['T0', 'T1'] }) }, { strategyId: 1, stage: 1, overall: 1 }).lean();
  return assessments.map((a) => ({ strategyId: String(a.strategyId), stage: a.stage as 'T0' | 'T1', overall: a.overall }));
}

/** A cohort's strategy of one company, with its overall maturity scores at T0 and T1 when taken. */
export interface StrategyWithScores { id: string; companyId: string; status: StrategyStatus; t0?: number; t1?: number }

/**
 * The strategies of one cohort with their T0/T1 scores, cached (shared/db/fresh-cache.ts):
 * two point lookups while nothing in the cohort changed. A rebuild filters strategies on
 * cohortId (equality) and reads their assessments in one query.
 */
export function strategiesWithScores(cohortId: string): Promise<StrategyWithScores[]> {
  return readThroughCache(`strategies-of-cohort:${cohortId}`, [scopes.cohort(cohortId)], async () => {
    const strategies = await Strategy.find({ cohortId }, { companyId: 1, status: 1 }).lean();
    const scores = strategies.length ? await maturityScores(strategies.map((s) => s._id)) : [];
    const score = new Map(scores.map((a) => [`${a.strategyId}:${a.stage}`, a.overall]));
    return strategies.map((s) => {
      const row: StrategyWithScores = { id: String(s._id), companyId: String(s.companyId), status: s.status };
      const [t0, t1] = [score.get(`${s._id}:T0`), score.get(`${s._id}:T1`)];
      // Only present scores are stored: an undefined field would come back from the cache as null.
      return { ...row, ...(t0 === undefined ? {} : { t0 }), ...(t1 === undefined ? {} : { t1 }) };
    });
  });
}
