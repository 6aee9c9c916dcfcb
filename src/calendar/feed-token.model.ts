import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const FEED_SCOPES = ['person', 'garden'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

/**
 * The secret in a calendar feed's address, stored only as its SHA-256. One
 * token per slot (a person's own feed, or one person's feed of one garden):
 * resetting deletes the old token, so its address answers 404.
 */
const feedTokenSchema = new Schema({
  hash: { type: String, required: true },
  slot: { type: String, required: true },
  scope: { type: String, enum: FEED_SCOPES, required: true },
  accountId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  gardenId: { type: Schema.Types.ObjectId, ref: 'Garden' },
}, { timestamps: true });

feedTokenSchema.index({ hash: 1 }, { unique: true });
feedTokenSchema.index({ slot: 1 }, { unique: true });
feedTokenSchema.index({ accountId: 1 });

export type FeedTokenDoc = InferSchemaType<typeof feedTokenSchema> & { _id: Types.ObjectId };
export const FeedToken = mongoose.model('FeedToken', feedTokenSchema);
