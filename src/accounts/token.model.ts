import mongoose, { Schema } from 'mongoose';

/**
 * A one-time link (password reset or colleague invitation). Only the SHA-256 of
 * the secret is stored. Expiry is checked by the app: FerretDB has no TTL indexes.
 */
const oneTimeTokenSchema = new Schema({
  _id: { type: String },
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  purpose: { type: String, enum: ['reset', 'invite', 'email'], required: true },
  // For an email change: the new address, which becomes the account's once the link is used.
  email: { type: String },
  expiresAt: { type: Date, required: true },
}, { timestamps: true });

export const OneTimeToken = mongoose.model('OneTimeToken', oneTimeTokenSchema);

/**
 * Marks a token as spent. Its _id is the token hash, so of two concurrent uses
 * exactly one insert succeeds: findOneAndDelete alone is a read then a write on FerretDB.
 */
const spentTokenSchema = new Schema({ _id: { type: String } }, { timestamps: true });
export const SpentToken = mongoose.model('SpentToken', spentTokenSchema);
