import { loadCourses } from '../../src/courses/content-loader.js';
import { createCoursesService } from '../../src/courses/courses.service.js';
import { DomainEvents } from '../../src/shared/events.js';
import { createCohortsService } from '../../src/workshops/cohorts.service.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { createMailer } from '../../src/mail/mailer.js';
import { createStrategies } from '../../src/strategies/strategies.service.js';
import { createViewEngine } from '../../src/shared/views/engine.js';
import { seedAccounts } from './accounts.js';
import { seedMail } from './mail.js';
import { seedStrategies } from './strategies.js';
import { seedAttendance } from './attendance.js';
import { seedCourses } from './courses.js';
import { seedWorkshops } from './workshops.js';
import { projectPath } from '../../src/shared/paths.js';

/** Every part of the demo data, in dependency order, on an open database connection. */
export async function seedDemo(baseUrl: string) {
  const catalogue = await loadCourses(projectPath('courses'));
  const events = new DomainEvents();
  const enrolment = createEnrolmentService({ events, now: () => new Date() });
  const accounts = await seedAccounts();
  await seedCourses(createCoursesService({ catalogue }), 'kursholder@digital-afternoons.demo');
  const cohorts = await seedWorkshops({ cohorts: createCohortsService({ catalogue, events, enrolment, now: () => new Date() }), enrolment });
  await seedAttendance(cohorts.map((c) => c.id), new Date());
  // Mail is recorded in the outbox; the app's worker delivers it. Enrolment events are not mailed: no invite storm.
  const mailer = createMailer({ views: createViewEngine(), baseUrl, now: () => new Date() });
  await seedStrategies(createStrategies({ catalogue, mailer, baseUrl, now: () => new Date() }), cohorts[0]!.id);
  const feeds = await seedMail(mailer, baseUrl);
  return { accounts, cohorts, feeds };
}
