import { accountsMessages } from './accounts/messages.js';
import { attendanceMessages } from './attendance/messages.js';
import { calendarMessages } from './calendar/messages.js';
import { coursesMessages } from './courses/messages.js';
import { importsMessages } from './imports/messages.js';
import { mailMessages } from './mail/messages.js';
import { materialsMessages } from './materials/messages.js';
import { privacyMessages } from './privacy/messages.js';
import { reportsMessages } from './reports/messages.js';
import { addMessages } from './shared/i18n/index.js';
import type { nb } from './shared/i18n/nb.js';
import { strategiesMessages, strategyMailSubjects } from './strategies/messages.js';
import { cohortFlowMessages } from './workshops/flow-messages.js';
import { workshopsMessages } from './workshops/messages.js';

/**
 * Which component messages make up the catalogue, by namespace. A component with its own
 * messages.ts adds it here, e.g. `courses: coursesMessages.nb`.
 */
export const componentMessages = {
  nb: {
    ...accountsMessages.nb,
    attendance: attendanceMessages.nb, courses: coursesMessages.nb, materials: materialsMessages.nb, workshops: { ...workshopsMessages.nb, ...cohortFlowMessages.nb },
    imports: importsMessages.nb, strategies: strategiesMessages.nb, reports: reportsMessages.nb,
    mail: { ...strategyMailSubjects.nb, ...mailMessages.nb }, calendar: calendarMessages.nb, privacy: privacyMessages.nb,
  },
  en: {
    ...accountsMessages.en,
    attendance: attendanceMessages.en, courses: coursesMessages.en, materials: materialsMessages.en, workshops: { ...workshopsMessages.en, ...cohortFlowMessages.en },
    imports: importsMessages.en, strategies: strategiesMessages.en, reports: reportsMessages.en,
    mail: { ...strategyMailSubjects.en, ...mailMessages.en }, calendar: calendarMessages.en, privacy: privacyMessages.en,
  },
};

/** The whole Norwegian catalogue: shared texts with every component's namespace merged in. */
type WholeCatalogue = typeof nb & typeof componentMessages.nb;

// Tells shared/i18n the catalogue's type, so MessageKey (and with it translate, req.t, flash and
// named errors) accepts exactly its keys. shared/ cannot import the components to learn it itself.
declare module './shared/i18n/keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the body is the catalogue it extends
  interface MessageCatalogue extends WholeCatalogue {}
}

/**
 * Adds every component's messages to shared/i18n, so `translate` (views, emails, error pages)
 * finds every key. Each entry point calls it before anything is rendered: createApp, the mail
 * worker, the seed and create-admin scripts, and the tests' root hooks. Calling it again is harmless.
 */
export function registerMessages(): void {
  addMessages(componentMessages);
}
