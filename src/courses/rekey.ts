import { trusted } from 'mongoose';
import { insertOnce } from '../shared/db/claims.js';
import { CourseEnrolment } from './enrolment.model.js';
import { ModuleProgress } from './progress.model.js';

/**
 * Gives course enrolments and done marks stored before their `_id`s were
 * derived (an ObjectId each) the derived `_id`, so point lookups find them.
 * Each is inserted under its new `_id` first and deleted after, so a crash in
 * between leaves a duplicate that the next start removes, never a lost record.
 * The unique indexes on the same fields, which the `_id` replaces, are dropped.
 * Returns how many were moved; on a database without old records it moves none.
 */
export async function rekeyCourseRecords(): Promise<number> {
  let moved = 0;
  for (const [model, oldIndex] of [[CourseEnrolment, 'companyId_1_courseSlug_1'], [ModuleProgress, 'accountId_1_courseSlug_1_moduleSlug_1']] as const) {
    // The unique index the derived `_id` replaced; it would refuse the copy made before the old record goes.
    await model.collection.dropIndex(oldIndex).catch(() => undefined);
    const old = await model.collection.find({ _id: trusted({ $type: 'objectId' }) }).toArray();
    for (const { _id, ...fields } of old) {
      const keyed = new (model as typeof CourseEnrolment)(fields);
      await keyed.validate();
      await insertOnce(() => model.collection.insertOne(keyed.toObject({ depopulate: true }) as never));
      await model.collection.deleteOne({ _id });
      moved += 1;
    }
  }
  return moved;
}
