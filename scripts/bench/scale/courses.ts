import { CourseEnrolment } from '../../../src/courses/enrolment.model.js';
import { ModuleProgress } from '../../../src/courses/progress.model.js';
import { batchWriter } from './batch.js';
import type { World } from './world.js';

/** Every generated company follows the online course; its people have ticked off none to all of its modules. */
export async function generateCourseProgress(world: World): Promise<void> {
  const enrolments = batchWriter(CourseEnrolment, 'course enrolments');
  const progress = batchWriter(ModuleProgress, 'module progress');
  for (const company of world.companies) {
    await enrolments.add({ companyId: company._id, courseSlug: 'digital-strategy', enrolledBy: company.people[0]!._id });
    for (const [p, person] of company.people.entries()) {
      const done = (company.index + p * 3) % (world.moduleSlugs.length + 1);
      for (const moduleSlug of world.moduleSlugs.slice(0, done)) await progress.add({ accountId: person._id, courseSlug: 'digital-strategy', moduleSlug });
    }
  }
  await enrolments.done();
  await progress.done();
}
