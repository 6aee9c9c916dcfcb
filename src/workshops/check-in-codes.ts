import { trusted } from 'mongoose';
import { toObjectId, type Id } from '../shared/db/ids.js';
import { WorkshopSession } from './cohort.model.js';

/*
 * A session's check-in code is stored on the session, which workshops owns; the attendance
 * component chooses the code and asks through these two functions.
 */

/** Whether any session holds this code already. */
export async function checkInCodeInUse(code: string): Promise<boolean> {
  return (await WorkshopSession.exists({ checkInCode: code })) !== null;
}

/**
 * Gives the session this code unless it holds one already, and returns the code it holds afterwards
 * (the winner's, when two first views raced), or undefined when there is no such session.
 */
export async function giveCheckInCode(sessionId: Id, code: string): Promise<string | undefined> {
  const id = toObjectId(sessionId);
  if (!id) return undefined;
  await WorkshopSession.updateOne({ _id: id, checkInCode: trusted({ $exists: false }) }, { $set: { checkInCode: code } });
  return (await WorkshopSession.findById(id, { checkInCode: 1 }).lean())?.checkInCode ?? undefined;
}
