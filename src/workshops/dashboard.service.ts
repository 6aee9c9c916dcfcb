import { Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { findEachById } from '../shared/db/point-lookups.js';
import { Cohort, WorkshopSession } from './cohort.model.js';
import { enrolmentsOfCompany } from './enrolments-of.js';
import { Garden } from './garden.model.js';
import { cohortsOfGardens } from './queries.js';
import { cohortsTaughtBy, gardensCoordinatedBy } from './staff.js';

export interface DashboardCohort {
  id: string;
  title: string;
  garden: string;
  nextSession?: { id: string; position: number; startsAt: Date };
  status?: string;
}

interface ListedCohort { id: string; title: string; gardenId: string }
interface DashboardSession { id: string; position: number; startsAt: Date; endsAt: Date }

const listed = (c: { _id: Types.ObjectId; title: string; gardenId: Types.ObjectId }): ListedCohort => ({ id: String(c._id), title: c.title, gardenId: String(c.gardenId) });

/** A cohort's sessions that are not cancelled, by start time; cached per cohort, so two point lookups while its sessions are unchanged. */
function sessionsShownOf(cohortId: string): Promise<DashboardSession[]> {
  return readThroughCache(`dashboard-sessions:${cohortId}`, [scopes.sessions(cohortId)], async () => {
    const sessions = await WorkshopSession.find({ cohortId: new Types.ObjectId(cohortId) }, { position: 1, startsAt: 1, endsAt: 1, status: 1 }).sort({ startsAt: 1 }).lean();
    return sessions.filter((s) => s.status !== 'cancelled').map((s) => ({ id: String(s._id), position: s.position, startsAt: s.startsAt, endsAt: s.endsAt }));
  });
}

/**
 * The cohorts on a person's dashboard: their company's, the ones they teach, and their gardens'.
 * Cohorts and gardens named by id are point lookups (see findEachById); a company's enrolments, the
 * cohorts a person teaches or coordinates, a garden's cohorts and a cohort's sessions are caches
 * proven fresh by point lookups.
 */
export async function dashboardCohorts(account: AccountView, now: Date) {
  const enrolments = account.companyId ? await enrolmentsOfCompany(account.companyId) : [];
  const gardens = account.roles.includes('coordinator') ? await gardensCoordinatedBy(account.id) : [];
  const [enrolledIn, teaching, coordinating] = await Promise.all([
    findEachById(enrolments.map((e) => e.cohortId), (cohortId) => Cohort.findById(cohortId).lean()).then((cohorts) => cohorts.map(listed)),
    account.roles.includes('trainer') ? cohortsTaughtBy(account.id).then((cohorts) => cohorts.map(listed)) : [],
    gardens.length ? cohortsOfGardens(gardens.map((g) => g._id)) : [],
  ]);
  const all = [...enrolledIn, ...teaching, ...coordinating];
  const cohortIds = [...new Set(all.map((c) => c.id))];
  const [sessions, gardenNames] = await Promise.all([
    Promise.all(cohortIds.map(sessionsShownOf)).then((lists) => new Map(cohortIds.map((id, i) => [id, lists[i]!]))),
    findEachById(all.map((c) => c.gardenId), (gardenId) => Garden.findById(gardenId, { name: 1 }).lean()),
  ]);
  const describe = (cohort: ListedCohort): DashboardCohort => {
    const next = sessions.get(cohort.id)?.find((s) => s.endsAt > now);
    return {
      id: cohort.id, title: cohort.title,
      garden: gardenNames.find((g) => String(g._id) === cohort.gardenId)?.name ?? '',
      nextSession: next ? { id: next.id, position: next.position, startsAt: next.startsAt } : undefined,
      status: enrolments.find((e) => String(e.cohortId) === cohort.id)?.status,
    };
  };
  // Running and upcoming first, in the order of their next session; finished ones after.
  const byNext = (a: DashboardCohort, b: DashboardCohort) =>
    (a.nextSession?.startsAt.getTime() ?? Infinity) - (b.nextSession?.startsAt.getTime() ?? Infinity);
  return {
    enrolled: enrolledIn.map(describe).sort(byNext),
    teaching: teaching.map(describe).sort(byNext),
    coordinating: coordinating.map(describe).sort(byNext),
  };
}
