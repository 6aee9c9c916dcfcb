import { trusted, type Types } from 'mongoose';
import { AttendanceMark, type AttendanceStatus } from '../../src/attendance/attendance.model.js';
import { recordMark } from '../../src/attendance/marks.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { progress } from '../progress.js';

/** A repeatable pattern: most come, a few are late or excused, and every seventh company misses often. */
export function statusFor(companyIndex: number, position: number): AttendanceStatus {
  if (companyIndex % 7 === 3 && position % 2 === 0) return 'absent';
  if ((companyIndex + position) % 11 === 0) return 'excused';
  if ((companyIndex + position) % 5 === 0) return 'late';
  return 'present';
}

/** Registers for every session that has ended, taken by the cohort's trainer. */
export async function seedAttendance(cohortIds: Types.ObjectId[], now: Date): Promise<void> {
  const sessions = await WorkshopSession.find({ cohortId: trusted({ $in: cohortIds }) }).lean();
  const past = sessions.filter((s) => s.endsAt < now && s.status !== 'cancelled');
  const bar = progress('Attendance registers', past.length);
  for (const session of past) {
    const cohort = await Cohort.findById(session.cohortId).lean();
    const enrolments = await Enrolment.find({ cohortId: session.cohortId, status: 'enrolled' }).sort({ createdAt: 1 }).lean();
    const marked = new Set((await AttendanceMark.find({ sessionId: session._id }, { accountId: 1 }).lean()).map((m) => String(m.accountId)));
    for (const [index, enrolment] of enrolments.entries()) {
      for (const accountId of enrolment.participantIds) {
        if (marked.has(String(accountId))) continue;
        await recordMark({
          session, accountId, companyId: enrolment.companyId, status: statusFor(index, session.position),
          via: 'register', by: cohort!.trainerIds[0]!, at: session.endsAt,
        });
      }
    }
    bar.tick();
  }
}
