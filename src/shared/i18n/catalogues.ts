import { en } from './en.js';
import { nb } from './nb.js';
import { attendanceMessages } from '../../attendance/messages.js';
import { coursesMessages } from '../../courses/messages.js';
import { importsMessages } from '../../imports/messages.js';
import { materialsMessages } from '../../materials/messages.js';
import { workshopsMessages } from '../../workshops/messages.js';
import { calendarMessages } from '../../calendar/messages.js';
import { mailMessages } from '../../mail/messages.js';
import { reportsMessages } from '../../reports/messages.js';
import { strategiesMessages, strategyMailSubjects } from '../../strategies/messages.js';

/**
 * Every catalogue, by language. A component with its own messages.ts adds
 * its namespace here, e.g. `courses: coursesMessages.nb`.
 */
export const catalogues = {
  nb: { ...nb, attendance: attendanceMessages.nb, courses: coursesMessages.nb, materials: materialsMessages.nb, workshops: workshopsMessages.nb, imports: importsMessages.nb,
    strategies: strategiesMessages.nb, reports: reportsMessages.nb, mail: { ...nb.mail, ...strategyMailSubjects.nb, ...mailMessages.nb }, calendar: calendarMessages.nb },
  en: { ...en, attendance: attendanceMessages.en, courses: coursesMessages.en, materials: materialsMessages.en, workshops: workshopsMessages.en, imports: importsMessages.en,
    strategies: strategiesMessages.en, reports: reportsMessages.en, mail: { ...en.mail, ...strategyMailSubjects.en, ...mailMessages.en }, calendar: calendarMessages.en },
};
