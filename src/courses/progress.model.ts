import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** The `_id` of one person's done mark for one module: read by point lookups, never by a filter. */
export const progressKey = (accountId: string | Types.ObjectId, courseSlug: string, moduleSlug: string) =>
  `${String(accountId)}:${courseSlug}:${moduleSlug}`;

/**
 * One person's completed module. Keyed by slugs rather than titles or positions,
 * so progress survives edits to the course text and reordering of modules. The
 * `_id` is derived from the three, so a page asks "is this module done?" with a
 * point lookup, the one read FerretDB's SQLite backend does without a scan.
 */
const progressSchema = new Schema({
  _id: { type: String },
  accountId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  courseSlug: { type: String, required: true },
  moduleSlug: { type: String, required: true },
}, { timestamps: true });

progressSchema.pre('validate', function keyed() {
  this._id = progressKey(this.accountId, this.courseSlug, this.moduleSlug);
});

// "Mark as done" is an insert; a repeat (or a double click) loses on the `_id` and changes nothing.

export type ProgressDoc = InferSchemaType<typeof progressSchema> & { _id: string };
export const ModuleProgress = mongoose.model('ModuleProgress', progressSchema);
