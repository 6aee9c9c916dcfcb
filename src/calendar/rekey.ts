import { trusted } from 'mongoose';
import { insertOnce } from '../shared/db/claims.js';
import { FeedSlot, FeedToken, type OldFeedToken } from './feed-token.model.js';

/**
 * Gives feed tokens stored before their hash was their `_id` (an ObjectId each, with `hash` and
 * `slot` fields under unique indexes) the new shape: a token keyed by its hash and a slot naming
 * it. Both are inserted before the old token is deleted, so a crash in between leaves a copy the
 * next start finishes, never a lost address. Returns how many were moved.
 */
export async function rekeyFeedTokens(): Promise<number> {
  // The unique indexes the `_id`s replaced; the hash one would refuse the copy made before the old token goes.
  for (const index of ['hash_1', 'slot_1', 'accountId_1']) await FeedToken.collection.dropIndex(index).catch(() => undefined);
  const old = await FeedToken.collection.find<OldFeedToken>({ _id: trusted({ $type: 'objectId' }) }).toArray();
  for (const { _id, hash, slot, ...fields } of old) {
    const at = fields.createdAt ?? new Date();
    await insertOnce(() => FeedToken.collection.insertOne({ ...fields, _id: hash as never, slot, createdAt: at, updatedAt: fields.updatedAt ?? at }));
    await insertOnce(() => FeedSlot.collection.insertOne({ _id: slot as never, hash, createdAt: at, updatedAt: at }));
    await FeedToken.collection.deleteOne({ _id });
  }
  return old.length;
}
