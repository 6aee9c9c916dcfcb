import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** The `_id` of a company's enrolment in a course: whether it exists is one point lookup. */
export const courseEnrolmentKey = (companyId: string | Types.ObjectId, courseSlug: string) => `${String(companyId)}:${courseSlug}`;

/**
 * A company's place in a self-paced course; every person of the company then
 * follows it. Its `_id` is derived from the company and the course, because
 * FerretDB's SQLite backend answers only `{_id: value}` without reading the
 * whole collection, and every module page asks whether its reader's company is enrolled.
 */
const enrolmentSchema = new Schema({
  _id: { type: String },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  courseSlug: { type: String, required: true },
  enrolledBy: { type: Schema.Types.ObjectId, ref: 'User' },
}, { timestamps: true });

enrolmentSchema.pre('validate', function keyed() {
  this._id = courseEnrolmentKey(this.companyId, this.courseSlug);
});

// One enrolment per company and course, also when colleagues press "Enrol" at the same moment:
// FerretDB has no transactions; the `_id`, derived from both, makes the second insert lose.

export type CourseEnrolmentDoc = InferSchemaType<typeof enrolmentSchema> & { _id: string };
export const CourseEnrolment = mongoose.model('CourseEnrolment', enrolmentSchema);
