import { accountsPersonalData } from '../accounts/index.js';
import { attendancePersonalData } from '../attendance/index.js';
import { calendarPersonalData } from '../calendar/index.js';
import { coursesPersonalData } from '../courses/index.js';
import { importsPersonalData } from '../imports/index.js';
import { mailPersonalData } from '../mail/index.js';
import { materialsPersonalData } from '../materials/index.js';
import type { PersonalDataHolder } from '../shared/personal-data.js';
import { strategiesPersonalData } from '../strategies/index.js';
import { workshopsPersonalData } from '../workshops/index.js';

/**
 * Every component that holds personal data, in the order an erasure runs them. Accounts comes last:
 * while the account exists, a second request knows the erasure is not finished. A component that
 * starts holding personal data is added here (the export test then expects its section).
 * A function, not a constant: accounts imports this component's public face (the notice's version),
 * so when accounts is loaded first its binding is not yet set while this module loads.
 */
export const holders = () => ({
  mail: mailPersonalData,
  materials: materialsPersonalData,
  calendar: calendarPersonalData,
  courses: coursesPersonalData,
  imports: importsPersonalData,
  attendance: attendancePersonalData,
  strategies: strategiesPersonalData,
  workshops: workshopsPersonalData,
  accounts: accountsPersonalData,
}) satisfies Record<string, PersonalDataHolder>;

export type HolderName = keyof ReturnType<typeof holders>;
export const HOLDER_NAMES: readonly HolderName[] = ['mail', 'materials', 'calendar', 'courses', 'imports', 'attendance', 'strategies', 'workshops', 'accounts'];
