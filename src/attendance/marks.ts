import { unlessTaken } from '../shared/db/claims.js';
import { AttendanceChange, AttendanceMark, type AttendanceStatus, type MarkSource } from './attendance.model.js';
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
 * upsert under the unique {sessionId, accountId} index: when two first marks
 * race, the losing insert fails with a duplicate key and is retried as an update.
 */
export async function recordMark(input: MarkInput): Promise<void> {
  const key = { sessionId: input.session._id, accountId: input.accountId };
  const values = {
    cohortId: input.session.cohortId, companyId: input.companyId, status: input.status,
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

/** The current marks of a session, keyed by account id. */
export async function marksOfSession(sessionId: Id) {
  const marks = await AttendanceMark.find({ sessionId }).lean();
  return new Map(marks.map((mark) => [String(mark.accountId), mark]));
}
