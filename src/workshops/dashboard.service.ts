import { trusted, Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { Cohort, WorkshopSession, type CohortDoc } from './cohort.model.js';
import { Enrolment } from './enrolment.model.js';
import { Garden } from './garden.model.js';
import { findEachById } from '../shared/db/point-lookups.js';

export interface DashboardCohort {
  id: string;
  title: string;
  garden: string;
  nextSession?: { id: string; position: number; startsAt: Date };
  status?: string;
}

/**
 * The cohorts on a person's dashboard: their company's, the ones they teach, and their gardens'.
 * Cohorts and gardens named by id are point lookups (see findEachById).
 */
export async function dashboardCohorts(account: AccountView, now: Date) {
  const id = new Types.ObjectId(account.id);
  const enrolments = account.companyId ? await Enrolment.find({ companyId: account.companyId }).lean() : [];
  const gardens = account.roles.includes('coordinator') ? await Garden.find({ coordinatorIds: id }, { name: 1 }).lean() : [];
  const [enrolledIn, teaching, coordinating] = await Promise.all([
    findEachById(enrolments.map((e) => e.cohortId), (cohortId) => Cohort.findById(cohortId).lean()),
    account.roles.includes('trainer') ? Cohort.find({ trainerIds: id }).lean() : [],
    gardens.length ? Cohort.find({ gardenId: trusted({ $in: gardens.map((g) => g._id) }) }).lean() : [],
  ]);
  const all = [...enrolledIn, ...teaching, ...coordinating];
  const [sessions, gardenNames] = await Promise.all([
    all.length ? WorkshopSession.find({ cohortId: trusted({ $in: all.map((c) => c._id) }), status: trusted({ $ne: 'cancelled' }) }).sort({ startsAt: 1 }).lean() : [],
    findEachById(all.map((c) => c.gardenId), (gardenId) => Garden.findById(gardenId, { name: 1 }).lean()),
  ]);
  const describe = (cohort: CohortDoc): DashboardCohort => {
    const next = sessions.find((s) => s.cohortId.equals(cohort._id) && s.endsAt > now);
    return {
      id: String(cohort._id), title: cohort.title,
      garden: gardenNames.find((g) => g._id.equals(cohort.gardenId))?.name ?? '',
      nextSession: next ? { id: String(next._id), position: next.position, startsAt: next.startsAt } : undefined,
      status: enrolments.find((e) => e.cohortId.equals(cohort._id))?.status,
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
