import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * What is known about an uploaded material; its content lives in the GridFS
 * bucket `materials` under `gridFsId`, so every app instance can serve it.
 */
const materialSchema = new Schema({
  title: { type: String, required: true, trim: true },
  courseSlug: { type: String, required: true },
  moduleSlug: { type: String, required: true },
  // Set when the material belongs to one cohort session rather than to the module in general.
  sessionId: { type: Schema.Types.ObjectId },
  fileName: { type: String, required: true },
  contentType: { type: String, required: true },
  size: { type: Number, required: true, min: 1 },
  sha256: { type: String, required: true },
  gridFsId: { type: Schema.Types.ObjectId, required: true },
  uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
}, { timestamps: { createdAt: true, updatedAt: false } });

materialSchema.index({ courseSlug: 1, moduleSlug: 1, createdAt: 1 });

export type MaterialDoc = InferSchemaType<typeof materialSchema> & { _id: Types.ObjectId; createdAt: Date };
export const Material = mongoose.model('Material', materialSchema);
