import { trusted } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { NotFoundError } from '../shared/errors.js';
import { WorkshopSession } from '../workshops/cohort.model.js';
import { Enrolment } from '../workshops/enrolment.model.js';
import { ATTENDED, AttendanceMark, type AttendanceStatus } from './attendance.model.js';
import { arrivalStatus, checkInWindow, looksLikeCode, newCheckInCode, normaliseCode } from './check-in-code.js';
import { CheckInRefusedError } from './errors.js';
import { recordMark } from './marks.js';
import type { Id } from './roster.js';

export interface CheckInResult {
  status: AttendanceStatus;
  /** The person had already checked in (or been marked present or late); nothing changed. */
  alreadyCheckedIn: boolean;
  session: { position: number; startsAt: Date };
}

// Concurrent first views in this process share one generation, so they show the same code.
const generating = new Map<string, Promise<string>>();

async function storeNewCode(sessionId: string): Promise<string> {
  const current = await WorkshopSession.findById(sessionId, { checkInCode: 1 }).lean();
  if (!current) throw new NotFoundError();
  if (current.checkInCode) return current.checkInCode;
  let code = newCheckInCode();
  // A clash is about one in a billion; still, never hand out a code another session holds.
  while (await WorkshopSession.exists({ checkInCode: code })) code = newCheckInCode();
  // Only a session without a code gets one; whoever lost a race reads the winner's code back.
  await WorkshopSession.updateOne({ _id: sessionId, checkInCode: trusted({ $exists: false }) }, { $set: { checkInCode: code } });
  const stored = await WorkshopSession.findById(sessionId, { checkInCode: 1 }).lean();
  return stored?.checkInCode ?? code;
}

/** The session's check-in code, generated and stored on first use. */
export async function ensureCheckInCode(sessionId: Id): Promise<string> {
  const key = String(sessionId);
  const running = generating.get(key);
  if (running) return running;
  const work = storeNewCode(key).finally(() => generating.delete(key));
  generating.set(key, work);
  return work;
}

/**
 * A participant checks in with the code shown at the session: the code must
 * belong to a session that is not cancelled, of a cohort where the person is
 * listed for an enrolled company, and now must be inside the session's window.
 * Arriving more than 15 minutes after the start is recorded as late.
 */
export async function checkIn(account: AccountView, typedCode: string, now: Date): Promise<CheckInResult> {
  const code = normaliseCode(typedCode);
  if (!looksLikeCode(code)) throw new CheckInRefusedError('wrongCode');
  const sessions = await WorkshopSession.find({ checkInCode: code, status: trusted({ $ne: 'cancelled' }) }).lean();
  if (sessions.length === 0) throw new CheckInRefusedError('wrongCode');
  const enrolments = await Enrolment.find(
    { cohortId: trusted({ $in: sessions.map((s) => s.cohortId) }), status: 'enrolled', participantIds: account.id },
    { cohortId: 1, companyId: 1 },
  ).lean();
  const enrolmentOf = (cohortId: unknown) => enrolments.find((e) => String(e.cohortId) === String(cohortId));
  const session = sessions.find((s) => enrolmentOf(s.cohortId));
  if (!session) throw new CheckInRefusedError('notEnrolled');

  const { opensAt, closesAt } = checkInWindow(session);
  if (now < opensAt) throw new CheckInRefusedError('tooEarly', opensAt);
  if (now > closesAt) throw new CheckInRefusedError('closed');

  const summary = { position: session.position, startsAt: session.startsAt };
  const existing = await AttendanceMark.findOne({ sessionId: session._id, accountId: account.id }, { status: 1 }).lean();
  if (existing && ATTENDED.includes(existing.status)) return { status: existing.status, alreadyCheckedIn: true, session: summary };
  const status = arrivalStatus(session, now);
  await recordMark({ session, accountId: account.id, companyId: enrolmentOf(session.cohortId)!.companyId, status, via: 'check-in', by: account.id, at: now });
  return { status, alreadyCheckedIn: false, session: summary };
}
