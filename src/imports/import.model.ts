import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const JOB_STATUSES = ['preview', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * One uploaded list for one cohort, from preview to result. The lines live in
 * ImportRow documents: each line's state is then a small write, where an array
 * inside this document would be rewritten whole for every line on FerretDB.
 */
const importJobSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  fileName: { type: String },
  status: { type: String, enum: JOB_STATUSES, required: true, default: 'preview' },
  // The number of the claim the current worker holds; a worker whose number is no longer this one stops.
  attempt: { type: Number, required: true, default: 0 },
  heartbeatAt: { type: Date },
  startedAt: { type: Date },
  finishedAt: { type: Date },
  totalRows: { type: Number, required: true },
  validRows: { type: Number, required: true },
}, { timestamps: true });

importJobSchema.index({ cohortId: 1, createdAt: -1 });

export type ImportJobDoc = InferSchemaType<typeof importJobSchema> & { _id: Types.ObjectId };
export const ImportJob = mongoose.model('ImportJob', importJobSchema);

/** A message about a line: an i18n key under imports.problems and the values for it. */
const problemSchema = new Schema({
  level: { type: String, enum: ['error', 'warning'], required: true },
  key: { type: String, required: true },
  params: { type: Schema.Types.Mixed, default: {} },
}, { _id: false });

export const ROW_STATES = ['pending', 'done', 'failed', 'skipped'] as const;
export type RowState = (typeof ROW_STATES)[number];

/** What an imported line did for its company's enrolment; each has its text at imports.details.<outcome>. */
export const ENROLMENT_OUTCOMES = ['enrolled', 'waitlisted', 'added'] as const;

/**
 * One line of an import file: what it says, what the preview found and, once
 * imported, what happened. `skipped` lines had errors in the preview; `pending`
 * ones are still to be imported, so a resumed import redoes only those.
 */
const importRowSchema = new Schema({
  jobId: { type: Schema.Types.ObjectId, ref: 'ImportJob', required: true },
  line: { type: Number, required: true },
  orgNumber: { type: String, default: '' },
  companyName: { type: String, default: '' },
  personName: { type: String, default: '' },
  email: { type: String, default: '' },
  municipality: { type: String, default: '' },
  company: { type: String, enum: ['new', 'existing'] },
  person: { type: String, enum: ['new', 'existing'] },
  problems: { type: [problemSchema], default: [] },
  state: { type: String, enum: ROW_STATES, required: true },
  failure: { type: problemSchema },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company' },
  userId: { type: Schema.Types.ObjectId, ref: 'User' },
  companyCreated: { type: Boolean },
  personCreated: { type: Boolean },
  enrolment: { type: String, enum: ENROLMENT_OUTCOMES },
  invited: { type: Boolean },
}, { timestamps: true });

importRowSchema.index({ jobId: 1, line: 1 }, { unique: true });
importRowSchema.index({ jobId: 1, state: 1 });

// Mongoose infers an enum field as any string; the schema's enums say which values are stored.
export type ImportRowDoc = Omit<InferSchemaType<typeof importRowSchema>, 'state' | 'enrolment'>
  & { _id: Types.ObjectId; state: RowState; enrolment?: (typeof ENROLMENT_OUTCOMES)[number] | null };
export const ImportRow = mongoose.model('ImportRow', importRowSchema);

/**
 * The right to run a job, once per attempt: confirming inserts attempt 1 and a
 * resume inserts the next number. Of concurrent claims exactly one insert
 * succeeds, which a conditional update on FerretDB (a read, then a write) cannot promise.
 */
const importJobClaimSchema = new Schema({
  jobId: { type: Schema.Types.ObjectId, required: true },
  attempt: { type: Number, required: true },
  claimedBy: { type: Schema.Types.ObjectId },
  // By the app's clock, like heartbeatAt, so the two can be compared.
  claimedAt: { type: Date, required: true },
}, { timestamps: true });

importJobClaimSchema.index({ jobId: 1, attempt: 1 }, { unique: true });
export const ImportJobClaim = mongoose.model('ImportJobClaim', importJobClaimSchema);
