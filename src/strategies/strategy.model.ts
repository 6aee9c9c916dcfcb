import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { STRATEGY_SECTIONS } from './sections.js';
import { byField, noteChangesOf, scopes } from '../shared/db/change-notes.js';

export const STRATEGY_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved'] as const;
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

/**
 * A company's digital strategy for one enrolment: a cohort (`cohort:<id>`) or a
 * self-paced course (`course:<slug>`). Its text lives in StrategyVersion; this
 * document holds the status, and only a status transition writes to it after
 * creation, so FerretDB's read-then-write updates cannot lose a concurrent change.
 */
const strategySchema = new Schema({
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  enrolmentKey: { type: String, required: true },
  cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort' },
  courseSlug: { type: String, required: true },
  status: { type: String, enum: STRATEGY_STATUSES, required: true, default: 'draft' },
  // How many transitions have happened; the next one inserts number transitionCount + 1.
  transitionCount: { type: Number, required: true, default: 0 },
  approvedVersion: { type: Number },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
}, { timestamps: true });

// One strategy per company and enrolment, also when two colleagues start it at once.
strategySchema.index({ companyId: 1, enrolmentKey: 1 }, { unique: true });
strategySchema.index({ cohortId: 1 });

// Reports cache a cohort's strategies (shared/db/fresh-cache.ts): every write of one says which cohort changed.
noteChangesOf(strategySchema, { scopesOf: byField('cohortId', scopes.cohort) });
// The self-paced list is cached too (lists.ts): the enrolment key, set on every stored strategy, says which ones are self-paced.
noteChangesOf(strategySchema, { scopesOf: selfPacedNotes });

/** The self-paced scope for a strategy of a course (`course:<slug>`), none for a cohort's; undefined when the row does not say. */
function selfPacedNotes(row: Record<string, unknown>): string[] | undefined {
  if (typeof row.enrolmentKey !== 'string') return undefined;
  return row.enrolmentKey.startsWith('course:') ? [scopes.selfPaced] : [];
}

export type StrategyDoc = InferSchemaType<typeof strategySchema> & { _id: Types.ObjectId };
export const Strategy = mongoose.model('Strategy', strategySchema);

/** Every explicit save: the whole content after the save, numbered 1, 2, 3 … per strategy. */
const versionSchema = new Schema({
  strategyId: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
  version: { type: Number, required: true, min: 1 },
  section: { type: String, enum: STRATEGY_SECTIONS, required: true },
  content: { type: Schema.Types.Mixed, required: true },
  savedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  savedAt: { type: Date, required: true },
}, { minimize: false });

// Concurrent saves race for the next number; the loser retries with the one after.
versionSchema.index({ strategyId: 1, version: 1 }, { unique: true });

export type StrategyVersionDoc = InferSchemaType<typeof versionSchema> & { _id: Types.ObjectId };
export const StrategyVersion = mongoose.model('StrategyVersion', versionSchema);

/** A status change: who moved the strategy from what to what, and when. Numbered per strategy. */
const transitionSchema = new Schema({
  strategyId: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
  seq: { type: Number, required: true, min: 1 },
  from: { type: String, enum: STRATEGY_STATUSES, required: true },
  to: { type: String, enum: STRATEGY_STATUSES, required: true },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true },
  // What the step sets on the strategy besides its status, so a step recorded but not applied can be finished.
  approvedVersion: { type: Number },
});

// Two reviewers deciding at once both try the same number: one wins, the other is told.
transitionSchema.index({ strategyId: 1, seq: 1 }, { unique: true });

export const StrategyTransition = mongoose.model('StrategyTransition', transitionSchema);

/** A reviewer's comment on one section, made while reviewing a submission. */
const commentSchema = new Schema({
  strategyId: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
  section: { type: String, enum: STRATEGY_SECTIONS, required: true },
  text: { type: String, required: true },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true },
  // The version the comment was written against.
  version: { type: Number },
});

commentSchema.index({ strategyId: 1, at: 1 });

export const StrategyComment = mongoose.model('StrategyComment', commentSchema);

/** The trainer a coordinator assigned to review a self-paced strategy (cohort strategies have the cohort's trainers). */
const reviewerSchema = new Schema({
  strategyId: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
  trainerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  assignedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
}, { timestamps: true });

reviewerSchema.index({ strategyId: 1 }, { unique: true });
reviewerSchema.index({ trainerId: 1 });

// Every assignment is of a self-paced strategy, which the cached self-paced list shows with its reviewer (lists.ts).
noteChangesOf(reviewerSchema, { scopesOf: () => [scopes.selfPaced] });

export const StrategyReviewer = mongoose.model('StrategyReviewer', reviewerSchema);
