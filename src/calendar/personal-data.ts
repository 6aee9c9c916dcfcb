import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { FeedSlot, FeedToken } from './feed-token.model.js';

/*
 * The calendar component's part of a person's export and erasure. The filter on accountId and the
 * read of every slot read whole collections on FerretDB: acceptable for an export or an erasure, which are rare.
 */

/** The person's calendar feed addresses that exist (never their secrets, which are not stored). */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const tokens = await FeedToken.find({ accountId: subject.personId }, { scope: 1, gardenId: 1, createdAt: 1 }).lean();
  return { feeds: tokens.map((t) => ({ scope: t.scope, gardenId: t.gardenId ? String(t.gardenId) : undefined, createdAt: t.createdAt })) };
}

/** Every feed of the person stops: slots first (an address works only while its slot names it), then tokens. */
export async function erasePerson(erasure: Erasure): Promise<void> {
  const prefix = `${erasure.personId}:`;
  const slots = (await FeedSlot.find({}, { _id: 1 }).lean()).filter((s) => String(s._id).startsWith(prefix));
  for (const slot of slots) await FeedSlot.deleteOne({ _id: slot._id });
  await FeedToken.deleteMany({ accountId: erasure.personId });
}
