import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { byField, noteChangesOf, scopes } from '../shared/db/change-notes.js';

export const ATTENDANCE_STATUSES = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** How a mark was made: by staff in the register, by the participant with the session code, or from a paper sheet. */
export const MARK_SOURCES = ['register', 'check-in', 'csv'] as const;
export type MarkSource = (typeof MARK_SOURCES)[number];

/** Present and late both count as attending: the company was represented. */
export const ATTENDED: readonly AttendanceStatus[] = ['present', 'late'];

/** The `_id` of one person's mark at one session: check-in asks for it by point lookup, never by a filter. */
export const markKey = (sessionId: unknown, accountId: unknown) => `${String(sessionId)}:${String(accountId)}`;

/**
 * One person's current status at one session. Its `_id` is derived from the two
 * (markKey), so it is unique per session and account, and concurrent marks for the
 * same person update one document instead of adding two.
 */
const attendanceMarkSchema = new Schema({
  _id: { type: String },
  sessionId: { type: Schema.Types.ObjectId, ref: 'WorkshopSession', required: true },
  cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  accountId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  status: { type: String, enum: ATTENDANCE_STATUSES, required: true },
  via: { type: String, enum: MARK_SOURCES, required: true },
  markedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  markedAt: { type: Date, required: true },
}, { timestamps: true });

attendanceMarkSchema.pre('validate', function keyed() {
  this._id = markKey(this.sessionId, this.accountId);
});
attendanceMarkSchema.index({ sessionId: 1 });
attendanceMarkSchema.index({ cohortId: 1 });

// Pages cache a cohort's marks (shared/db/fresh-cache.ts): every write of a mark says which cohort changed.
noteChangesOf(attendanceMarkSchema, { scopesOf: byField('cohortId', scopes.cohort) });

export type AttendanceMarkDoc = InferSchemaType<typeof attendanceMarkSchema> & { _id: string };
export const AttendanceMark = mongoose.model('AttendanceMark', attendanceMarkSchema);

/**
 * Every change of a mark: who set which status, when and how. Kept as its own
 * insert-only collection rather than an array on the mark, because FerretDB's
 * $push is a read then a write and two concurrent changes could lose one entry.
 */
const attendanceChangeSchema = new Schema({
  sessionId: { type: Schema.Types.ObjectId, required: true },
  cohortId: { type: Schema.Types.ObjectId, required: true },
  companyId: { type: Schema.Types.ObjectId, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  status: { type: String, enum: ATTENDANCE_STATUSES, required: true },
  via: { type: String, enum: MARK_SOURCES, required: true },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true },
}, { timestamps: true });

attendanceChangeSchema.index({ sessionId: 1, accountId: 1, at: 1 });

export const AttendanceChange = mongoose.model('AttendanceChange', attendanceChangeSchema);
