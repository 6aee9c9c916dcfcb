import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const FEED_SCOPES = ['person', 'garden'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

/**
 * The secret in a calendar feed's address, stored only as its SHA-256, which
 * is the token's `_id`: a feed request finds it by one point lookup, and
 * FerretDB reads nothing else. A token works while its slot names it.
 */
const feedTokenSchema = new Schema({
  _id: { type: String },
  slot: { type: String, required: true },
  scope: { type: String, enum: FEED_SCOPES, required: true },
  accountId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  gardenId: { type: Schema.Types.ObjectId, ref: 'Garden' },
}, { timestamps: true });

export type FeedTokenDoc = InferSchemaType<typeof feedTokenSchema> & { _id: string };
export const FeedToken = mongoose.model('FeedToken', feedTokenSchema);

/**
 * A person's own feed (`<accountId>:person`) or their feed of one garden
 * (`<accountId>:garden:<gardenId>`), keyed by that name, and the hash of the
 * one token it holds. The unique `_id` keeps one token per slot when resets
 * race, and the dashboard reads whether a link exists by one point lookup.
 */
const feedSlotSchema = new Schema({
  _id: { type: String },
  hash: { type: String, required: true },
}, { timestamps: true });

export type FeedSlotDoc = InferSchemaType<typeof feedSlotSchema> & { _id: string; createdAt: Date };
export const FeedSlot = mongoose.model('FeedSlot', feedSlotSchema);

/** The pre-slot shape, kept only to move older tokens (see rekey.ts). */
export type OldFeedToken = { _id: Types.ObjectId; hash: string; slot: string; scope: FeedScope; accountId: Types.ObjectId; gardenId?: Types.ObjectId; createdAt?: Date; updatedAt?: Date };
