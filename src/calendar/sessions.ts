import { namesByIds } from '../accounts/queries.js';
import type { CourseCatalogue } from '../courses/index.js';
import { translate, type KeysUnder, type Language } from '../shared/i18n/index.js';
import { cohortsWithSessions, type CohortWithSessions } from '../workshops/queries.js';
import { addressOf, sessionUid, type CalendarSession } from './ics.js';
import type { Id } from '../shared/db/ids.js';
import { inNorway } from '../shared/i18n/format.js';


/** What every calendar needs from configuration. */
export interface CalendarSettings {
  baseUrl: string;
  mailFrom: string;
  catalogue: CourseCatalogue;
}

/** A cohort with its garden, its sessions in order and the name its calendars are organised under. */
export interface CohortBundle extends CohortWithSessions {
  organizerName: string;
}

/**
 * Loads cohorts (by id or by garden) with garden and sessions. `publicOnly`
 * names the organiser after the garden's public contact rather than its coordinator.
 */
export async function loadCohortBundles(filter: { cohortIds?: Id[]; gardenId?: Id }, options: { publicOnly?: boolean } = {}): Promise<CohortBundle[]> {
  // An id that cannot be one (from an address, say) matches nothing.
  const loaded = await cohortsWithSessions(filter.gardenId !== undefined ? { gardenId: filter.gardenId } : { cohortIds: filter.cohortIds ?? [] });
  const coordinatorIds = options.publicOnly ? [] : loaded.flatMap((b) => b.garden.coordinatorIds.slice(0, 1));
  const coordinators = await namesByIds(coordinatorIds);
  return loaded.map((bundle) => {
    const { garden } = bundle;
    const coordinator = garden.coordinatorIds[0] === undefined ? undefined : coordinators.get(garden.coordinatorIds[0]);
    return { ...bundle, organizerName: (options.publicOnly ? garden.contactName : coordinator ?? garden.contactName) || garden.name };
  });
}

/** The link every session's calendar entry and email points to. */
export const cohortLink = (baseUrl: string, cohortId: Id) => `${baseUrl}/workshops/${String(cohortId)}`;

export interface SessionTextOptions {
  /** Added to each session's SEQUENCE: what a recipient was sent before (see mail/README.md). */
  sequenceOffset?: number;
  /** Only these sessions. */
  sessionIds?: string[];
  /** Feeds and downloads say "cancelled" in the title too, as some clients ignore STATUS there. */
  markCancelled?: boolean;
}

/** Turns a cohort's sessions into calendar events in one language. */
export function calendarSessions(bundle: CohortBundle, language: Language, settings: CalendarSettings, options: SessionTextOptions = {}): CalendarSession[] {
  const { cohort, garden } = bundle;
  const modules = settings.catalogue.get(cohort.courseSlug, language)?.modules ?? [];
  const t = (key: KeysUnder<'calendar.event'>, params: Record<string, unknown> = {}) => translate(language, `calendar.event.${key}`, params);
  const link = cohortLink(settings.baseUrl, cohort.id);
  const wanted = options.sessionIds ? new Set(options.sessionIds) : undefined;
  return bundle.sessions.filter((s) => !wanted || wanted.has(s.id)).map((session) => {
    const module = modules.find((m) => m.slug === session.moduleSlug);
    const moduleTitle = module?.title ?? session.moduleSlug;
    const cancelled = session.status === 'cancelled';
    const summary = t('summary', { cohort: cohort.title, position: session.position, module: moduleTitle });
    const reasonKey = cancelled ? 'cancelledReason' : 'movedReason';
    const description = [
      t('module', { module: moduleTitle, position: session.position, count: modules.length || bundle.sessions.length }),
      t('room', { room: session.room }),
      session.changeReason && session.status !== 'scheduled' ? t(reasonKey, { reason: session.changeReason }) : undefined,
      t('link', { link }),
      t('moduleLink', { link: `${settings.baseUrl}/courses/${cohort.courseSlug}/modules/${session.moduleSlug}` }),
    ].filter(Boolean).join('\n');
    return {
      uid: sessionUid(session.id, settings.baseUrl),
      sequence: session.sequence + (options.sequenceOffset ?? 0),
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      cancelled,
      summary: cancelled && options.markCancelled ? t('cancelledSummary', { summary }) : summary,
      location: [garden.name, session.room, garden.address].join(', '),
      description,
      url: link,
      organizer: { name: bundle.organizerName, email: addressOf(settings.mailFrom) },
    };
  });
}

/** A session's time as people read it: "torsdag 11. mars 2027, 16:00–19:00". */
export function sessionWhen(session: { startsAt: Date; endsAt: Date }, language: Language): { day: string; time: string } {
  const at = (d: Date) => inNorway(d, language);
  return { day: at(session.startsAt).toFormat(language === 'en' ? 'cccc d MMMM yyyy' : 'cccc d. MMMM yyyy'), time: `${at(session.startsAt).toFormat('HH:mm')}–${at(session.endsAt).toFormat('HH:mm')}` };
}
