import path from 'node:path';
import { loadCourses } from '../../src/courses/content-loader.js';
import { createCoursesService } from '../../src/courses/courses.service.js';
import { DomainEvents } from '../../src/shared/events.js';
import { createCohortsService } from '../../src/workshops/cohorts.service.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { seedAccounts } from './accounts.js';
import { seedAttendance } from './attendance.js';
import { seedCourses } from './courses.js';
import { seedWorkshops } from './workshops.js';

/** Every part of the demo data, in dependency order, on an open database connection. */
export async function seedDemo() {
  const catalogue = await loadCourses(path.resolve('courses'));
  const events = new DomainEvents();
  const enrolment = createEnrolmentService({ events, now: () => new Date() });
  const accounts = await seedAccounts();
  await seedCourses(createCoursesService({ catalogue }), 'kursholder@digital-afternoons.demo');
  const cohorts = await seedWorkshops({ cohorts: createCohortsService({ catalogue, events, enrolment }), enrolment });
  await seedAttendance(cohorts.map((c) => c.id), new Date());
  return { accounts, cohorts };
}
