import { trusted, type Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { namesByIds } from '../accounts/queries.js';
import { NotFoundError } from '../shared/errors.js';
import { managesGarden, teachesCohort } from './access.js';
import { Cohort, WorkshopSession, type WorkshopSessionDoc } from './cohort.model.js';
import { Enrolment, Seat } from './enrolment.model.js';
import { Garden } from './garden.model.js';
import { type Id, idOrNotFound } from '../shared/db/ids.js';
import { seatOf, waitlistRank as rankOf } from './seats.js';
import { assertVisible, isDraft, published } from './drafts.js';


export interface SessionView {
  id: string;
  position: number;
  moduleSlug: string;
  startsAt: Date;
  endsAt: Date;
  room: string;
  status: string;
  changeReason?: string;
}

const toSessionView = (s: WorkshopSessionDoc): SessionView => ({
  id: String(s._id), position: s.position, moduleSlug: s.moduleSlug, startsAt: s.startsAt, endsAt: s.endsAt,
  room: s.room, status: s.status, changeReason: s.changeReason ?? undefined,
});

/** Seats taken per cohort, in one aggregation. */
async function seatCounts(cohortIds: Types.ObjectId[]): Promise<Map<string, number>> {
  const rows = await Seat.aggregate<{ _id: Types.ObjectId; taken: number }>([
    { $match: { cohortId: { $in: cohortIds } } },
    { $group: { _id: '$cohortId', taken: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.taken]));
}

async function sessionsByCohort(cohortIds: Types.ObjectId[]): Promise<Map<string, SessionView[]>> {
  const sessions = await WorkshopSession.find({ cohortId: trusted({ $in: cohortIds }) }).sort({ position: 1 }).lean();
  const grouped = new Map<string, SessionView[]>();
  for (const s of sessions) grouped.set(String(s.cohortId), [...(grouped.get(String(s.cohortId)) ?? []), toSessionView(s)]);
  return grouped;
}

/** Cohorts whose last session has not ended, by region and garden, with seats left: the public listing. */
export async function listUpcomingCohorts(now: Date, region?: string) {
  const gardenFilter = region ? { region } : {};
  const gardens = await Garden.find(gardenFilter).sort({ region: 1, name: 1 }).lean();
  const cohorts = published(await Cohort.find({ gardenId: trusted({ $in: gardens.map((g) => g._id) }) }).lean());
  const [taken, sessions] = await Promise.all([seatCounts(cohorts.map((c) => c._id)), sessionsByCohort(cohorts.map((c) => c._id))]);
  const upcoming = cohorts
    .map((c) => ({ cohort: c, sessions: sessions.get(String(c._id)) ?? [] }))
    .filter(({ sessions: s }) => s.length > 0 && s.at(-1)!.endsAt > now)
    .sort((a, b) => a.sessions[0]!.startsAt.getTime() - b.sessions[0]!.startsAt.getTime());
  const regions = [...new Set((await Garden.find({}, { region: 1 }).lean()).map((g) => g.region))].sort();
  return {
    regions,
    gardens: gardens.map((garden) => ({
      id: String(garden._id), name: garden.name, region: garden.region, municipality: garden.municipality,
      cohorts: upcoming.filter(({ cohort }) => cohort.gardenId.equals(garden._id)).map(({ cohort, sessions: s }) => ({
        id: String(cohort._id), title: cohort.title, firstDate: s[0]!.startsAt, lastDate: s.at(-1)!.startsAt,
        seatsLeft: Math.max(0, cohort.capacity - (taken.get(String(cohort._id)) ?? 0)), capacity: cohort.capacity,
        open: cohort.enrolmentDeadline > now,
      })),
    })).filter((g) => g.cohorts.length > 0),
  };
}

/** Everything the public cohort page shows, plus the viewer's own enrolment and role. */
export async function cohortPage(cohortId: Id, viewer: AccountView | undefined, now: Date) {
  const cohort = await Cohort.findById(idOrNotFound(cohortId)).lean();
  if (!cohort) throw new NotFoundError();
  const [garden, sessions, taken, trainers] = await Promise.all([
    Garden.findById(cohort.gardenId).lean(),
    WorkshopSession.find({ cohortId: cohort._id }).sort({ position: 1 }).lean(),
    Seat.countDocuments({ cohortId: cohort._id }),
    namesByIds(cohort.trainerIds),
  ]);
  if (!garden) throw new NotFoundError();
  const isStaff = viewer ? managesGarden(viewer, garden) || teachesCohort(viewer, cohort) : false;
  assertVisible(cohort, isStaff);
  const own = viewer?.companyId ? await Enrolment.findOne({ cohortId: cohort._id, companyId: viewer.companyId }).lean() : null;
  const state = own ? await ownState(cohort._id, own.companyId) : undefined;
  return {
    cohort: {
      id: String(cohort._id), title: cohort.title, courseSlug: cohort.courseSlug, capacity: cohort.capacity,
      seatsLeft: Math.max(0, cohort.capacity - taken), deadline: cohort.enrolmentDeadline, open: cohort.enrolmentDeadline > now,
      participantsPerCompany: cohort.participantsPerCompany, draft: isDraft(cohort),
    },
    garden: { id: String(garden._id), name: garden.name, address: garden.address, municipality: garden.municipality, region: garden.region },
    sessions: sessions.map(toSessionView),
    trainers: [...trainers.values()],
    enrolment: own && state ? { ...state, isParticipant: own.participantIds.some((id) => String(id) === viewer?.id) } : undefined,
    canManage: viewer ? managesGarden(viewer, garden) : false,
    isStaff,
  };
}

/**
 * The company's state as its seat or waitlist place says, not as the enrolment's
 * status field (a copy written last) says: holding neither, it is still pending.
 */
async function ownState(cohortId: Types.ObjectId, companyId: Types.ObjectId): Promise<{ status: 'enrolled' | 'waitlisted' | 'pending'; waitlistRank?: number }> {
  if ((await seatOf(cohortId, companyId)) !== undefined) return { status: 'enrolled' };
  const waitlistRank = await rankOf(cohortId, companyId);
  return waitlistRank === undefined ? { status: 'pending' } : { status: 'waitlisted', waitlistRank };
}
