import { unlessTaken } from '../shared/db/claims.js';
import { AttendanceChange, AttendanceMark, markKey, type AttendanceStatus, type MarkSource } from './attendance.model.js';
import type { Id } from './roster.js';

export interface MarkInput {
  session: { _id: Id; cohortId: Id };
  accountId: Id;
  companyId: Id;
  status: AttendanceStatus;
  via: MarkSource;
  by: Id;
  at: Date;
}

/**
 * Sets one person's status at a session and logs the change. The mark is an
 * upsert under its derived `_id` (markKey): when two first marks race, the
 * losing insert fails with a duplicate key and is retried as an update.
 */
export async function recordMark(input: MarkInput): Promise<void> {
  const key = { _id: markKey(input.session._id, input.accountId) };
  const values = {
    sessionId: input.session._id, accountId: input.accountId, cohortId: input.session.cohortId, companyId: input.companyId, status: input.status,
    via: input.via, markedBy: input.by, markedAt: input.at,
  };
  await unlessTaken(
    () => AttendanceMark.updateOne(key, { $set: values }, { upsert: true }),
    () => AttendanceMark.updateOne(key, { $set: values }),
  );
  await AttendanceChange.create({
    sessionId: input.session._id, cohortId: input.session.cohortId, companyId: input.companyId,
    accountId: input.accountId, status: input.status, via: input.via, by: input.by, at: input.at,
  });
}

/** The current status of one person at one session, if marked; one point lookup. */
export async function markOf(sessionId: Id, accountId: Id): Promise<AttendanceStatus | undefined> {
  return (await AttendanceMark.findById(markKey(sessionId, accountId), { status: 1 }).lean())?.status;
}

/** The current marks of a session, keyed by account id. */
export async function marksOfSession(sessionId: Id) {
  const marks = await AttendanceMark.find({ sessionId }).lean();
  return new Map(marks.map((mark) => [String(mark.accountId), mark]));
}
