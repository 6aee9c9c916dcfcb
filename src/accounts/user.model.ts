import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../shared/http/account.js';
import { LANGUAGES } from '../shared/i18n/index.js';
import { noteChangesOf, scopes } from '../shared/db/change-notes.js';

// The roles are defined in shared/ because the guards check them; this component stores them.
export { ROLES, type Role } from '../shared/http/account.js';

const userSchema = new Schema({
  email: { type: String, required: true, lowercase: true, trim: true },
  name: { type: String, required: true, trim: true },
  // Absent for a colleague who was invited and has not chosen a password yet.
  passwordHash: { type: String },
  roles: { type: [String], enum: ROLES, default: ['participant'] },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company' },
  language: { type: String, enum: LANGUAGES, default: 'nb' },
  // Which version of the privacy notice the person accepted at registration, and when.
  // Sessions signed in before this moment are no longer valid: "log out everywhere" and a password change set it.
  sessionsValidFrom: { type: Date },
  privacyNotice: { type: new Schema({ version: { type: String, required: true }, acceptedAt: { type: Date, required: true } }, { _id: false }) },
}, { timestamps: true });

userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ companyId: 1 });

// Pages cache people's names and addresses beside their rows (shared/db/fresh-cache.ts): a change says so.
noteChangesOf(userSchema, { scopesOf: () => [scopes.people], onlyFields: ['name', 'email'] });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const User = mongoose.model('User', userSchema);
