import { Types } from 'mongoose';
import { contactsByIds } from '../accounts/queries.js';
import { NotFoundError } from '../shared/errors.js';
import { translate, type Language } from '../shared/i18n/index.js';
import { cohortIdsWhereParticipant } from '../workshops/queries.js';
import { cohortCalendar, gardenFeed, personFeed, sessionCalendar } from './ics.js';
import { feedGardensOf, findFeedToken } from './feed-tokens.js';
import { createRenderCache } from './render-cache.js';
import { calendarSessions, loadCohortBundles, type CalendarSettings } from './sessions.js';


export interface CalendarServiceDeps extends CalendarSettings {
  now: () => Date;
  refreshMinutes: number;
}

/** A calendar file to send: its text and a file name. */
export interface CalendarFile {
  content: string;
  fileName: string;
}

// Plain ASCII, so the name needs no encoding in Content-Disposition: "Vår i Ørsta" becomes var-i-orsta.ics.
const fileName = (text: string) => `${text.replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').normalize('NFKD').replace(/[^\w\s-]/g, '')
  .trim().replace(/\s+/g, '-').toLowerCase() || 'calendar'}.ics`;
const language = (value?: string | null): Language => (value === 'en' ? 'en' : 'nb');

/** Downloads and subscribable feeds, all METHOD:PUBLISH without attendees. */
export function createCalendarService(deps: CalendarServiceDeps) {
  const feedOptions = () => ({ stamp: deps.now(), refreshMinutes: deps.refreshMinutes });
  // A cached feed keeps the DTSTAMP of its first rendering, which is when its content last changed.
  const feeds = createRenderCache();

  async function publicCohort(cohortId: string) {
    if (!Types.ObjectId.isValid(cohortId)) throw new NotFoundError();
    const [bundle] = await loadCohortBundles({ cohortIds: [cohortId] }, { publicOnly: true });
    // A draft is in no calendar until its coordinator publishes it.
    if (!bundle || bundle.cohort.draft) throw new NotFoundError();
    return bundle;
  }

  return {
    /** Every session of a cohort, from what its public page shows. */
    async cohortFile(cohortId: string, lang: Language): Promise<CalendarFile> {
      const bundle = await publicCohort(cohortId);
      const sessions = calendarSessions(bundle, lang, deps, { markCancelled: true });
      return { content: cohortCalendar(bundle.cohort.title, sessions, { stamp: deps.now() }), fileName: fileName(bundle.cohort.title) };
    },

    /** One session of a cohort. */
    async sessionFile(cohortId: string, sessionId: string, lang: Language): Promise<CalendarFile> {
      const bundle = await publicCohort(cohortId);
      const [session] = calendarSessions(bundle, lang, deps, { sessionIds: [sessionId], markCancelled: true });
      if (!session) throw new NotFoundError();
      const position = bundle.sessions.find((s) => s.id === sessionId)?.position ?? 1;
      return { content: sessionCalendar(session, { stamp: deps.now() }), fileName: fileName(`${bundle.cohort.title} ${position}`) };
    },

    /** A person's feed: every session of the cohorts where they are a participant of an enrolled company. */
    async personFeedFor(secret: string): Promise<string> {
      const token = await findFeedToken(secret, 'person');
      const [person] = token ? await contactsByIds([token.accountId]) : [];
      if (!person) throw new NotFoundError();
      const bundles = (await loadCohortBundles({ cohortIds: await cohortIdsWhereParticipant(person.id) })).filter((b) => !b.cohort.draft);
      const lang = language(person.language);
      const sessions = bundles.flatMap((b) => calendarSessions(b, lang, deps, { markCancelled: true }));
      const name = translate(lang, 'calendar.feed.personName', { name: person.name });
      return feeds.get(['person', name, sessions], () => personFeed(name, sessions, feedOptions()));
    },

    /** A garden's feed, for as long as the token's owner coordinates the garden or teaches one of its cohorts. */
    async gardenFeedFor(secret: string): Promise<string> {
      const token = await findFeedToken(secret, 'garden');
      const [person] = token ? await contactsByIds([token.accountId]) : [];
      if (!token?.gardenId || !person) throw new NotFoundError();
      const allowed = (await feedGardensOf(token.accountId)).find((g) => g.id === String(token.gardenId));
      if (!allowed) throw new NotFoundError();
      const lang = language(person.language);
      const bundles = (await loadCohortBundles({ gardenId: token.gardenId })).filter((b) => !b.cohort.draft);
      const sessions = bundles.flatMap((b) => calendarSessions(b, lang, deps, { markCancelled: true }));
      const name = translate(lang, 'calendar.feed.gardenName', { garden: allowed.name });
      return feeds.get(['garden', name, sessions], () => gardenFeed(name, sessions, feedOptions()));
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
