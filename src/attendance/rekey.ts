import { trusted } from 'mongoose';
import { insertOnce } from '../shared/db/claims.js';
import { AttendanceMark } from './attendance.model.js';

/**
 * Gives attendance marks stored before their `_id` was derived (an ObjectId each, under a unique
 * `{sessionId, accountId}` index) the derived `_id` (markKey), so check-in finds a mark by point lookup.
 * Each is inserted under its new `_id` first and deleted after, so a crash in between leaves a
 * duplicate that the next start removes, never a lost mark. Returns how many were moved.
 */
export async function rekeyAttendanceMarks(): Promise<number> {
  // The unique index the derived `_id` replaced; it would refuse the copy made before the old mark goes.
  await AttendanceMark.collection.dropIndex('sessionId_1_accountId_1').catch(() => undefined);
  const old = await AttendanceMark.collection.find({ _id: trusted({ $type: 'objectId' }) }).toArray();
  let moved = 0;
  for (const { _id, ...fields } of old) {
    const keyed = new AttendanceMark(fields);
    await keyed.validate();
    await insertOnce(() => AttendanceMark.collection.insertOne(keyed.toObject({ depopulate: true }) as never));
    // Refused by something else than the derived `_id` (the old index still there, say): the old mark stays for the next start.
    if (!(await AttendanceMark.collection.findOne({ _id: keyed._id as never }, { projection: { _id: 1 } }))) continue;
    await AttendanceMark.collection.deleteOne({ _id });
    moved += 1;
  }
  return moved;
}
