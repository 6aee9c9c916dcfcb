import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { cohortById, sessionById } from '../workshops/queries.js';
import { insertOnce } from '../shared/db/claims.js';
import { AttendanceChange, AttendanceMark } from './attendance.model.js';

/*
 * The attendance component's part of a person's export and erasure. Filters on accountId and
 * companyId read the whole collection on FerretDB: acceptable for an export or an erasure, which are rare.
 */

/** Where and when a session was, for a person reading their marks. */
async function sessionLabel(sessionId: unknown) {
  const session = await sessionById(String(sessionId));
  const cohort = session && await cohortById(session.cohortId);
  return session && { cohort: cohort?.title, position: session.position, startsAt: session.startsAt };
}

/** The person's attendance marks with their history, and how many marks they set for others. */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const [marks, changes, marksMade] = await Promise.all([
    AttendanceMark.find({ accountId: subject.personId }).lean(),
    AttendanceChange.find({ accountId: subject.personId }).sort({ at: 1 }).lean(),
    AttendanceMark.countDocuments({ markedBy: subject.personId }),
  ]);
  return {
    marks: await Promise.all(marks.map(async (m) => ({
      session: await sessionLabel(m.sessionId), status: m.status, via: m.via, markedAt: m.markedAt, markedByYou: String(m.markedBy) === subject.personId,
    }))),
    changes: changes.map((c) => ({ sessionId: String(c.sessionId), status: c.status, via: c.via, at: c.at })),
    marksYouSetForOthers: marksMade - marks.filter((m) => String(m.markedBy) === subject.personId).length,
  };
}

/**
 * Marks and their history stay, as the programme's attendance counts, but name the stand-in
 * instead of the person (and the stand-in company when the company goes), so a company's
 * sessions represented are counted as before. Marks the person set for others name the stand-in as their author.
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  const { personId, standIn } = erasure;
  // A mark's _id names its session and person (markKey; create gives it), so each moves to the stand-in's _id: the copy
  // is stored before the original goes, and a repeated run finds the copy there and only deletes.
  for (const mark of await AttendanceMark.find({ accountId: personId }).lean()) {
    const { _id, ...fields } = mark;
    await insertOnce(() => AttendanceMark.create({ ...fields, accountId: standIn.personId }));
    await AttendanceMark.deleteOne({ _id });
  }
  await AttendanceMark.updateMany({ markedBy: personId }, { $set: { markedBy: standIn.personId } });
  await AttendanceChange.updateMany({ accountId: personId }, { $set: { accountId: standIn.personId } });
  await AttendanceChange.updateMany({ by: personId }, { $set: { by: standIn.personId } });
  if (!erasure.companyId || !erasure.eraseCompany) return;
  await AttendanceMark.updateMany({ companyId: erasure.companyId }, { $set: { companyId: standIn.companyId } });
  await AttendanceChange.updateMany({ companyId: erasure.companyId }, { $set: { companyId: standIn.companyId } });
}
