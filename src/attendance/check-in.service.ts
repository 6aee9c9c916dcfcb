import type { AccountView } from '../accounts/index.js';
import { NotFoundError } from '../shared/errors.js';
import { checkInCodeInUse, giveCheckInCode } from '../workshops/index.js';
import { enrolmentsOfCohort, sessionById, sessionsWithCheckInCode } from '../workshops/queries.js';
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
  const current = await sessionById(sessionId);
  if (!current) throw new NotFoundError();
  if (current.checkInCode) return current.checkInCode;
  let code = newCheckInCode();
  // A clash is about one in a billion; still, never hand out a code another session holds.
  while (await checkInCodeInUse(code)) code = newCheckInCode();
  // Only a session without a code gets one; whoever lost a race reads the winner's code back.
  return (await giveCheckInCode(sessionId, code)) ?? code;
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
  const sessions = await sessionsWithCheckInCode(code);
  if (sessions.length === 0) throw new CheckInRefusedError('wrongCode');
  // The person's enrolment in each session's cohort: an equality filter per cohort, and a code names one session.
  const enrolments = (await Promise.all(sessions.map((s) => enrolmentsOfCohort(s.cohortId, 'enrolled'))))
    .flat().filter((e) => e.participantIds.includes(account.id));
  const enrolmentOf = (cohortId: string) => enrolments.find((e) => e.cohortId === cohortId);
  const session = sessions.find((s) => enrolmentOf(s.cohortId));
  if (!session) throw new CheckInRefusedError('notEnrolled');

  const { opensAt, closesAt } = checkInWindow(session);
  if (now < opensAt) throw new CheckInRefusedError('tooEarly', opensAt);
  if (now > closesAt) throw new CheckInRefusedError('closed');

  const summary = { position: session.position, startsAt: session.startsAt };
  const existing = await AttendanceMark.findOne({ sessionId: session.id, accountId: account.id }, { status: 1 }).lean();
  if (existing && ATTENDED.includes(existing.status)) return { status: existing.status, alreadyCheckedIn: true, session: summary };
  const status = arrivalStatus(session, now);
  await recordMark({ session: { _id: session.id, cohortId: session.cohortId }, accountId: account.id, companyId: enrolmentOf(session.cohortId)!.companyId, status, via: 'check-in', by: account.id, at: now });
  return { status, alreadyCheckedIn: false, session: summary };
}
