import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { byField, noteChangesOf, scopes } from '../shared/db/change-notes.js';
import { staffNotes } from './staff-notes.js';

/** A run of a course at a garden: six afternoon sessions for a limited number of companies. */
const cohortSchema = new Schema({
  gardenId: { type: Schema.Types.ObjectId, ref: 'Garden', required: true },
  courseSlug: { type: String, required: true },
  title: { type: String, required: true, trim: true },
  capacity: { type: Number, required: true, min: 1 },
  participantsPerCompany: { type: Number, required: true, min: 1, default: 2 },
  enrolmentDeadline: { type: Date, required: true },
  trainerIds: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
  // Completion: the company was represented at this many sessions or more.
  minSessionsAttended: { type: Number, required: true, min: 0, default: 5 },
  // Set on a new cohort until its coordinator publishes it; absent means published, so cohorts stored before drafts existed need no migration.
  draft: { type: Boolean },
}, { timestamps: true });

cohortSchema.index({ gardenId: 1 });

// Pages cache a garden's cohorts (shared/db/fresh-cache.ts): every write says which garden changed.
noteChangesOf(cohortSchema, { scopesOf: byField('gardenId', scopes.garden) });
// Dashboards and feeds cache the cohorts each trainer teaches (staff.ts): every write naming a trainer says so.
noteChangesOf(cohortSchema, staffNotes('trainerIds'));

export type CohortDoc = InferSchemaType<typeof cohortSchema> & { _id: Types.ObjectId };
export const Cohort = mongoose.model('Cohort', cohortSchema);

export const SESSION_STATUSES = ['scheduled', 'moved', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** One afternoon of a cohort, for one module. `sequence` counts changes for calendar clients. */
const workshopSessionSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
  gardenId: { type: Schema.Types.ObjectId, ref: 'Garden', required: true },
  moduleSlug: { type: String, required: true },
  position: { type: Number, required: true, min: 1 },
  startsAt: { type: Date, required: true },
  endsAt: { type: Date, required: true },
  room: { type: String, required: true, trim: true },
  status: { type: String, enum: SESSION_STATUSES, default: 'scheduled' },
  sequence: { type: Number, default: 0 },
  changeReason: { type: String },
  checkInCode: { type: String },
}, { timestamps: true });

workshopSessionSchema.index({ cohortId: 1, position: 1 }, { unique: true });
workshopSessionSchema.index({ gardenId: 1, startsAt: 1 });
workshopSessionSchema.index({ startsAt: 1 });

// Pages cache what they show of a cohort: every write of a session says which cohort changed, and
// that its sessions did, for the lists of sessions that a mark or an enrolment leaves as they are.
const cohortOfSession = byField('cohortId', scopes.cohort);
noteChangesOf(workshopSessionSchema, { scopesOf: (row) => cohortOfSession(row)?.concat(scopes.sessions(row.cohortId)) });

export type WorkshopSessionDoc = InferSchemaType<typeof workshopSessionSchema> & { _id: Types.ObjectId };
export const WorkshopSession = mongoose.model('WorkshopSession', workshopSessionSchema);
