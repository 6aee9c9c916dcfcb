import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { noteChangesOf, scopes } from '../shared/db/change-notes.js';

const companySchema = new Schema({
  name: { type: String, required: true, trim: true },
  orgNumber: { type: String, required: true },
  municipality: { type: String, required: true, trim: true },
  sector: { type: String, required: true },
  employees: { type: Number, required: true, min: 0 },
  website: { type: String },
  // Who to call about the company: the person who registered it (or was first imported with it).
  // Kept on the company so a cohort's roster finds it with the company's own lookup by _id.
  contactName: { type: String, trim: true },
  contactEmail: { type: String, trim: true, lowercase: true },
  // How many changes to the company's people are applied (see membership.ts); a hint where to look for the next.
  membershipChanges: { type: Number, default: 0 },
}, { timestamps: true });

// One company per organisation number, also when two people register it at once.
companySchema.index({ orgNumber: 1 }, { unique: true });

// Pages cache company names beside their rows (shared/db/fresh-cache.ts): a new name says so.
noteChangesOf(companySchema, { scopesOf: () => [scopes.people], onlyFields: ['name'] });

export type CompanyDoc = InferSchemaType<typeof companySchema> & { _id: Types.ObjectId };
export const Company = mongoose.model('Company', companySchema);

/** Sectors offered at registration; the labels live in the i18n catalogue under sectors.* */
export const SECTORS = [
  'agriculture', 'food', 'tourism', 'retail', 'crafts', 'construction', 'services', 'creative', 'transport', 'other',
] as const;
