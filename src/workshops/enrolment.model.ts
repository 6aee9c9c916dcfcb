import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { byField, noteChangesOf, scopes } from '../shared/db/change-notes.js';
import { notesOfIdsIn } from './staff-notes.js';

/**
 * A company's place in a cohort: enrolled (it holds a seat) or waitlisted.
 * Unique per company and cohort; cancelled enrolments are deleted and kept in the log.
 */
const enrolmentSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  status: { type: String, enum: ['pending', 'enrolled', 'waitlisted'], required: true },
  participantIds: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
  seatNo: { type: Number },
  waitlistPosition: { type: Number },
}, { timestamps: true });

enrolmentSchema.index({ cohortId: 1, companyId: 1 }, { unique: true });
enrolmentSchema.index({ cohortId: 1, status: 1 });
enrolmentSchema.index({ participantIds: 1 });

// Pages cache a cohort's roster (shared/db/fresh-cache.ts): every write of an enrolment says which cohort changed.
noteChangesOf(enrolmentSchema, { scopesOf: byField('cohortId', scopes.cohort) });
// Dashboards and feeds cache a company's enrolments and the enrolments that list a person (enrolments-of.ts):
// every write naming the company or the person says so. Neither cache needs more, as readers check each row by _id.
noteChangesOf(enrolmentSchema, notesOfIdsIn('companyId', scopes.company));
noteChangesOf(enrolmentSchema, notesOfIdsIn('participantIds', scopes.participant));

export type EnrolmentDoc = InferSchemaType<typeof enrolmentSchema> & { _id: Types.ObjectId };
export const Enrolment = mongoose.model('Enrolment', enrolmentSchema);

/**
 * One document per claimed seat. Capacity holds under concurrency because a
 * seat number can be inserted once per cohort, and a company can hold one seat.
 */
const seatSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, required: true },
  seatNo: { type: Number, required: true },
  companyId: { type: Schema.Types.ObjectId, required: true },
}, { timestamps: true });

seatSchema.index({ cohortId: 1, seatNo: 1 }, { unique: true });
seatSchema.index({ cohortId: 1, companyId: 1 }, { unique: true });
export const Seat = mongoose.model('Seat', seatSchema);

/** One document per waitlist place: positions are unique per cohort, so arrival order is total. */
const waitlistPlaceSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, required: true },
  position: { type: Number, required: true },
  companyId: { type: Schema.Types.ObjectId, required: true },
}, { timestamps: true });

waitlistPlaceSchema.index({ cohortId: 1, position: 1 }, { unique: true });
waitlistPlaceSchema.index({ cohortId: 1, companyId: 1 }, { unique: true });
export const WaitlistPlace = mongoose.model('WaitlistPlace', waitlistPlaceSchema);

/** Who changed an enrolment, when and why: the record coordinators and auditors read. */
const enrolmentLogSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, required: true },
  companyId: { type: Schema.Types.ObjectId, required: true },
  change: { type: String, required: true },
  reason: { type: String },
  actorId: { type: Schema.Types.ObjectId },
}, { timestamps: true });

enrolmentLogSchema.index({ cohortId: 1, createdAt: 1 });
export const EnrolmentLog = mongoose.model('EnrolmentLog', enrolmentLogSchema);

/**
 * One document per participant place of a company in a cohort. Slot numbers run
 * 1…participantsPerCompany, so the limit holds however many colleagues join at once.
 */
const participantSlotSchema = new Schema({
  cohortId: { type: Schema.Types.ObjectId, required: true },
  companyId: { type: Schema.Types.ObjectId, required: true },
  slot: { type: Number, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
}, { timestamps: true });

participantSlotSchema.index({ cohortId: 1, companyId: 1, slot: 1 }, { unique: true });
participantSlotSchema.index({ cohortId: 1, accountId: 1 }, { unique: true });
export const ParticipantSlot = mongoose.model('ParticipantSlot', participantSlotSchema);
