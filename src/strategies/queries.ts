// Reads other components may make of strategies' data: plain objects, string ids.
import { trusted, type Types } from 'mongoose';
import { MaturityAssessment } from './maturity/assessment.model.js';
import { Strategy, type StrategyStatus } from './strategy.model.js';

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
