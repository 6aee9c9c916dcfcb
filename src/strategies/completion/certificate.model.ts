import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Proof that a company completed the course with an approved strategy. The
 * public id is 128 random bits in hex: the verification URL can be shared
 * without letting anyone guess other certificates.
 */
const certificateSchema = new Schema({
  strategyId: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  publicId: { type: String, required: true },
  companyName: { type: String, required: true },
  courseSlug: { type: String, required: true },
  cohortTitle: { type: String },
  gardenName: { type: String },
  // The people named on the certificate; the company may edit the list.
  names: { type: [String], default: [] },
  issuedAt: { type: Date, required: true },
}, { timestamps: true });

// One certificate per strategy, also when two people open the page at once.
certificateSchema.index({ strategyId: 1 }, { unique: true });
certificateSchema.index({ publicId: 1 }, { unique: true });

export type CertificateDoc = InferSchemaType<typeof certificateSchema> & { _id: Types.ObjectId };
export const Certificate = mongoose.model('Certificate', certificateSchema);
