import { AttendanceChange, AttendanceMark } from '../../../src/attendance/attendance.model.js';
import { statusFor } from '../../seed/attendance.js';
import { COMPANIES_PER_COHORT } from '../sizes.js';
import { batchWriter } from './batch.js';
import { pastSessions, type World } from './world.js';

/**
 * A register for every ended session: one mark per person (unique per session
 * and account) and the change that set it, as recordMark writes them. This is
 * the one place that shapes marks, so a new storage (say one document per
 * session) changes only this file.
 */
export async function generateAttendance(world: World): Promise<void> {
  const marks = batchWriter(AttendanceMark, 'attendance marks');
  const changes = batchWriter(AttendanceChange, 'attendance changes');
  for (const company of world.companies) {
    const { cohort } = company;
    for (const session of pastSessions(world, cohort)) {
      for (const person of company.people) {
        const status = statusFor(company.index % COMPANIES_PER_COHORT, session.position);
        const common = { sessionId: session._id, cohortId: cohort._id, companyId: company._id, accountId: person._id, status, via: 'register' };
        await marks.add({ ...common, markedBy: cohort.trainerId, markedAt: session.endsAt });
        await changes.add({ ...common, by: cohort.trainerId, at: session.endsAt });
      }
    }
  }
  await marks.done();
  await changes.done();
}
