import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** A company's place in a self-paced course; every person of the company then follows it. */
const enrolmentSchema = new Schema({
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  courseSlug: { type: String, required: true },
  enrolledBy: { type: Schema.Types.ObjectId, ref: 'User' },
}, { timestamps: true });

// One enrolment per company and course, also when colleagues press "Enrol" at the same moment:
// FerretDB has no transactions, so the unique index is what makes the second insert lose.
enrolmentSchema.index({ companyId: 1, courseSlug: 1 }, { unique: true });

export type CourseEnrolmentDoc = InferSchemaType<typeof enrolmentSchema> & { _id: Types.ObjectId };
export const CourseEnrolment = mongoose.model('CourseEnrolment', enrolmentSchema);
