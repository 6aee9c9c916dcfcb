import { trusted } from 'mongoose';
import { User } from '../accounts/user.model.js';
import type { CourseCatalogue } from '../courses/index.js';
import { translate, type Language } from '../shared/i18n/index.js';
import { Cohort, WorkshopSession, type CohortDoc, type WorkshopSessionDoc } from '../workshops/cohort.model.js';
import { Garden, type GardenDoc } from '../workshops/garden.model.js';
import { addressOf, sessionUid, type CalendarSession } from './ics.js';
import { type Id, toObjectId } from '../shared/db/ids.js';
import { inNorway } from '../shared/i18n/format.js';


/** What every calendar needs from configuration. */
export interface CalendarSettings {
  baseUrl: string;
  mailFrom: string;
  catalogue: CourseCatalogue;
}

/** A cohort with its garden, its sessions in order and the name its calendars are organised under. */
export interface CohortBundle {
  cohort: CohortDoc;
  garden: GardenDoc;
  sessions: WorkshopSessionDoc[];
  organizerName: string;
}

/**
 * Loads cohorts (by id or by garden) with garden and sessions. `publicOnly`
 * names the organiser after the garden's public contact rather than its coordinator.
 */
export async function loadCohortBundles(filter: { cohortIds?: Id[]; gardenId?: Id }, options: { publicOnly?: boolean } = {}): Promise<CohortBundle[]> {
  // An id that cannot be one (from an address, say) matches nothing.
  const gardenId = filter.gardenId === undefined ? undefined : toObjectId(filter.gardenId);
  if (filter.gardenId !== undefined && !gardenId) return [];
  const cohortIds = (filter.cohortIds ?? []).map(toObjectId).filter((id) => id !== undefined);
  const query = gardenId ? { gardenId } : { _id: trusted({ $in: cohortIds }) };
  const cohorts = await Cohort.find(query).lean();
  if (!cohorts.length) return [];
  const ids = cohorts.map((c) => c._id);
  const [gardens, sessions] = await Promise.all([
    Garden.find({ _id: trusted({ $in: [...new Set(cohorts.map((c) => String(c.gardenId)))] }) }).lean(),
    WorkshopSession.find({ cohortId: trusted({ $in: ids }) }).sort({ startsAt: 1 }).lean(),
  ]);
  const coordinatorIds = options.publicOnly ? [] : gardens.flatMap((g) => g.coordinatorIds.slice(0, 1));
  const coordinators = coordinatorIds.length ? await User.find({ _id: trusted({ $in: coordinatorIds }) }, { name: 1 }).lean() : [];
  const bundles: CohortBundle[] = [];
  for (const cohort of cohorts) {
    const garden = gardens.find((g) => g._id.equals(cohort.gardenId));
    if (!garden) continue;
    const coordinator = coordinators.find((u) => garden.coordinatorIds[0]?.equals(u._id));
    bundles.push({
      cohort, garden,
      sessions: sessions.filter((s) => s.cohortId.equals(cohort._id)),
      organizerName: (options.publicOnly ? garden.contactName : coordinator?.name ?? garden.contactName) || garden.name,
    });
  }
  return bundles;
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
  const t = (key: string, params: Record<string, unknown> = {}) => translate(language, `calendar.event.${key}`, params);
  const link = cohortLink(settings.baseUrl, cohort._id);
  const wanted = options.sessionIds ? new Set(options.sessionIds) : undefined;
  return bundle.sessions.filter((s) => !wanted || wanted.has(String(s._id))).map((session) => {
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
      uid: sessionUid(String(session._id), settings.baseUrl),
      sequence: (session.sequence ?? 0) + (options.sequenceOffset ?? 0),
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
export function sessionWhen(session: Pick<WorkshopSessionDoc, 'startsAt' | 'endsAt'>, language: Language): { day: string; time: string } {
  const at = (d: Date) => inNorway(d, language);
  return { day: at(session.startsAt).toFormat(language === 'en' ? 'cccc d MMMM yyyy' : 'cccc d. MMMM yyyy'), time: `${at(session.startsAt).toFormat('HH:mm')}–${at(session.endsAt).toFormat('HH:mm')}` };
}
