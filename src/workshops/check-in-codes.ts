import { trusted } from 'mongoose';
import { claimFirstFree, ClaimContendedError, insertOnce } from '../shared/db/claims.js';
import { toObjectId, type Id } from '../shared/db/ids.js';
import { CheckInCode } from './check-in-code.model.js';
import { WorkshopSession } from './cohort.model.js';

/*
 * A session's check-in code is stored on the session, which workshops owns, and under its own
 * `_id` in CheckInCode, so a typed code finds its session by point lookups. The attendance
 * component chooses what a code looks like and asks through giveCheckInCode.
 */

// A clash is about one in a billion per try; ten in a row mean something else is wrong.
const CODE_ATTEMPTS = 10;

function* fresh(newCode: () => string) {
  for (let i = 0; i < CODE_ATTEMPTS; i += 1) yield newCode();
}

/**
 * Gives the session a code from `newCode` unless it holds one already, and returns the code it
 * holds afterwards (the winner's, when two first views raced), or undefined when there is no such
 * session. A code is claimed by inserting it, so no two sessions are ever given the same one.
 */
export async function giveCheckInCode(sessionId: Id, newCode: () => string): Promise<string | undefined> {
  const id = toObjectId(sessionId);
  const session = id && await WorkshopSession.findById(id, { checkInCode: 1 }).lean();
  if (!id || !session) return undefined;
  if (session.checkInCode) return session.checkInCode;
  const code = await claimFirstFree(fresh(newCode), (candidate) => CheckInCode.create({ _id: candidate, sessionId: id }));
  if (!code) throw new ClaimContendedError(CODE_ATTEMPTS);
  await WorkshopSession.updateOne({ _id: id, checkInCode: trusted({ $exists: false }) }, { $set: { checkInCode: code } });
  const held = (await WorkshopSession.findById(id, { checkInCode: 1 }).lean())?.checkInCode ?? undefined;
  // Another first view stored its code first: ours names no session, so it is given back.
  if (held !== code) await CheckInCode.deleteOne({ _id: code });
  return held;
}

/**
 * Claims the codes of sessions given one before codes had their own documents, so check-in finds
 * them. Reads both collections once; run at start-up. Returns how many it claimed.
 */
export async function claimOlderCheckInCodes(): Promise<number> {
  const [sessions, claimed] = await Promise.all([
    WorkshopSession.find({ checkInCode: trusted({ $exists: true }) }, { checkInCode: 1 }).lean(),
    CheckInCode.find({}, { _id: 1 }).lean(),
  ]);
  const known = new Set(claimed.map((c) => c._id));
  let added = 0;
  for (const session of sessions) {
    if (!session.checkInCode || known.has(session.checkInCode)) continue;
    if (await insertOnce(() => CheckInCode.create({ _id: session.checkInCode, sessionId: session._id }))) added += 1;
    // Two older sessions holding one code: the first keeps it, and the other's register gives it a new one.
    else await WorkshopSession.updateOne({ _id: session._id }, { $unset: { checkInCode: 1 } });
    known.add(session.checkInCode);
  }
  return added;
}
