import { cohortLink, sessionWhen, type CalendarSettings, type CohortBundle } from '../calendar/index.js';
import type { Language } from '../shared/i18n/index.js';
import type { MessageRefs } from './outbox.js';
import type { Recipient } from './recipients.js';
import type { Id } from '../shared/db/ids.js';


/** The cohort's sessions as the session emails list them, in one language. */
export function sessionLines(bundle: CohortBundle, language: Language, settings: CalendarSettings) {
  const modules = settings.catalogue.get(bundle.cohort.courseSlug, language)?.modules ?? [];
  return bundle.sessions.map((s) => ({
    id: s.id, position: s.position, module: modules.find((m) => m.slug === s.moduleSlug)?.title ?? s.moduleSlug,
    ...sessionWhen(s, language), room: s.room, cancelled: s.status === 'cancelled', moved: s.status === 'moved',
  }));
}

/** What every cohort email shows: the person, cohort, garden, link and sessions. */
export function cohortEmailData(bundle: CohortBundle, person: Recipient, settings: CalendarSettings, extra: Record<string, unknown> = {}) {
  return {
    name: person.name, cohort: bundle.cohort.title, garden: bundle.garden.name, address: bundle.garden.address,
    link: cohortLink(settings.baseUrl, bundle.cohort.id), sessions: sessionLines(bundle, person.language, settings), ...extra,
  };
}

/** What a cohort email is about, so coordinators see it and cancellations can read it back. */
export function cohortRefs(bundle: CohortBundle, companyId: Id, person: Recipient, sessionId?: Id): MessageRefs {
  return { gardenId: bundle.garden.id, cohortId: bundle.cohort.id, companyId, userId: person.userId, sessionId };
}
