import { hashPassword } from '../../../src/accounts/password.js';
import { loadCourses } from '../../../src/courses/index.js';
import { projectPath } from '../../../src/shared/paths.js';
import { DEMO_PASSWORD } from '../../seed/accounts.js';
import type { ScaleSize } from '../sizes.js';
import { generateAccounts } from './accounts.js';
import { generateAttendance } from './attendance.js';
import { generateCourseProgress } from './courses.js';
import { generateOutbox } from './mail.js';
import { generateStrategies } from './strategies.js';
import { generateEnrolments, generateWorkshops } from './workshops.js';
import type { World } from './world.js';

/**
 * Adds a size's generated data to a database that holds the demo seed: gardens,
 * cohorts and sessions, companies and people, enrolments, course progress,
 * attendance, strategies and outbox. One file per component shapes its documents.
 * Returns the number of seconds it took.
 */
export async function generateScale(size: ScaleSize, now: Date): Promise<number> {
  if (!size.cohorts) return 0;
  const started = Date.now();
  const catalogue = await loadCourses(projectPath('courses'));
  console.log(`Generating the ${size.name} size on top of the demo seed:`);
  const world: World = { now, passwordHash: await hashPassword(DEMO_PASSWORD), moduleSlugs: catalogue.moduleSlugs('digital-strategy'), cohorts: [], companies: [] };
  const steps: Array<[string, () => Promise<void>]> = [
    ['workshops', () => generateWorkshops(world, size)], ['accounts', () => generateAccounts(world)],
    ['enrolments', () => generateEnrolments(world)], ['course progress', () => generateCourseProgress(world)],
    ['attendance', () => generateAttendance(world)], ['strategies', () => generateStrategies(world, size)],
    ['outbox', () => generateOutbox(world, size)],
  ];
  for (const [name, step] of steps) {
    const stepStarted = Date.now();
    await step();
    console.log(`  (${name}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`Generated ${size.name} in ${seconds.toFixed(0)} s`);
  return seconds;
}
