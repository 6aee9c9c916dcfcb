import type { AccountView } from '../accounts/index.js';
import { NotFoundError } from '../shared/errors.js';
import { giveCheckInCode } from '../workshops/index.js';
import { enrolmentAsParticipant, sessionWithCheckInCode } from '../workshops/queries.js';
import { ATTENDED, type AttendanceStatus } from './attendance.model.js';
import { arrivalStatus, checkInWindow, looksLikeCode, newCheckInCode, normaliseCode } from './check-in-code.js';
import { CheckInRefusedError } from './errors.js';
import { markOf, recordMark } from './marks.js';
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
  // Workshops never hands out a code another session holds; whoever lost a race reads the winner's code back.
  const code = await giveCheckInCode(sessionId, newCheckInCode);
  if (!code) throw new NotFoundError();
  return code;
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
  const session = await sessionWithCheckInCode(code);
  if (!session) throw new CheckInRefusedError('wrongCode');
  // The person's enrolment in the session's cohort, from the enrolments that list them (point lookups).
  const enrolment = await enrolmentAsParticipant(account.id, session.cohortId);
  if (!enrolment) throw new CheckInRefusedError('notEnrolled');

  const { opensAt, closesAt } = checkInWindow(session);
  if (now < opensAt) throw new CheckInRefusedError('tooEarly', opensAt);
  if (now > closesAt) throw new CheckInRefusedError('closed');

  const summary = { position: session.position, startsAt: session.startsAt };
  const existing = await markOf(session.id, account.id);
  if (existing && ATTENDED.includes(existing)) return { status: existing, alreadyCheckedIn: true, session: summary };
  const status = arrivalStatus(session, now);
  await recordMark({ session: { _id: session.id, cohortId: session.cohortId }, accountId: account.id, companyId: enrolment.companyId, status, via: 'check-in', by: account.id, at: now });
  return { status, alreadyCheckedIn: false, session: summary };
}
