import mongoose, { Schema, Types, type InferSchemaType } from 'mongoose';
import { BANDS, STAGES } from './maturity.js';
import { noteChangesOf, scopes } from '../../shared/db/change-notes.js';
import { Strategy } from '../strategy.model.js';

/**
 * A company's maturity self-assessment at one stage (T0 at enrolment, T1 after
 * the last session, T2 six months later), tied to the strategy of that enrolment.
 * Answers are kept so the scores can be recomputed if the scoring ever changes.
 */
const assessmentSchema = new Schema({
  strategyId: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  stage: { type: String, enum: STAGES, required: true },
  answers: { type: Schema.Types.Mixed, required: true },
  dimensions: { type: Schema.Types.Mixed, required: true },
  overall: { type: Number, required: true, min: 0, max: 100 },
  band: { type: String, enum: BANDS, required: true },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true },
}, { timestamps: true });

// One assessment per strategy and stage; taking a stage again replaces it.
assessmentSchema.index({ strategyId: 1, stage: 1 }, { unique: true });

// Reports cache a cohort's scores: an assessment's cohort is its strategy's (one point lookup).
noteChangesOf(assessmentSchema, {
  async scopesOf(row) {
    const strategyId = row.strategyId;
    if (typeof strategyId !== 'string' && !(strategyId instanceof Types.ObjectId)) return undefined;
    const strategy = await Strategy.findById(strategyId, { cohortId: 1 }).lean();
    return strategy?.cohortId ? [scopes.cohort(strategy.cohortId)] : [];
  },
});

export type AssessmentDoc = InferSchemaType<typeof assessmentSchema> & { _id: Types.ObjectId };
export const MaturityAssessment = mongoose.model('MaturityAssessment', assessmentSchema);
