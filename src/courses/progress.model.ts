import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One person's completed module. Keyed by slugs rather than titles or positions,
 * so progress survives edits to the course text and reordering of modules.
 */
const progressSchema = new Schema({
  accountId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  courseSlug: { type: String, required: true },
  moduleSlug: { type: String, required: true },
}, { timestamps: true });

// "Mark as done" is an insert; a repeat (or a double click) loses on this index and changes nothing.
progressSchema.index({ accountId: 1, courseSlug: 1, moduleSlug: 1 }, { unique: true });

export type ProgressDoc = InferSchemaType<typeof progressSchema> & { _id: Types.ObjectId };
export const ModuleProgress = mongoose.model('ModuleProgress', progressSchema);
