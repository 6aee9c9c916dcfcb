// Reads other components may make of workshops' data: plain objects, string ids.
import { trusted, type Types } from 'mongoose';
import { toObjectId, type Id } from '../shared/db/ids.js';
import { Cohort, WorkshopSession, type CohortDoc, type SessionStatus, type WorkshopSessionDoc } from './cohort.model.js';
import { CheckInCode } from './check-in-code.model.js';
import { Enrolment } from './enrolment.model.js';
import { Garden } from './garden.model.js';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { cohortsTaughtBy as cohortDocsTaughtBy, gardensCoordinatedBy, staffPostsOf } from './staff.js';
import { enrolmentsListing, enrolmentsOfCompany } from './enrolments-of.js';

/** The ids of the gardens this account coordinates. */
export async function gardenIdsCoordinatedBy(accountId: string): Promise<string[]> {
  return (await gardensCoordinatedBy(accountId)).map((g) => String(g._id));
}

/** A company's place on a cohort's waitlist, 1 being next; undefined when it is not waiting. */
export { waitlistRank } from './seats.js';

/** Which companies are enrolled (not waiting) in these cohorts. */
export async function enrolledCompaniesOf(cohortIds: Array<string | Types.ObjectId>): Promise<Array<{ cohortId: string; companyId: string }>> {
  const enrolments = await Enrolment.find({ cohortId: trusted({ $in: cohortIds }), status: 'enrolled' }, { cohortId: 1, companyId: 1 }).lean();
  return enrolments.map((e) => ({ cohortId: String(e.cohortId), companyId: String(e.companyId) }));
}

/** The cohorts of these gardens, newest enrolment deadline first; each garden's list is cached (two point lookups while unchanged). */
export async function cohortsOfGardens(gardenIds: Array<string | Types.ObjectId>): Promise<Array<{ id: string; gardenId: string; title: string; minSessionsAttended: number }>> {
  const lists = await Promise.all(gardenIds.map((gardenId) => readThroughCache(`cohorts-of-garden:${gardenId}`, [scopes.garden(gardenId)], async () => {
    const cohorts = await Cohort.find({ gardenId }, { gardenId: 1, title: 1, minSessionsAttended: 1, enrolmentDeadline: 1 }).lean();
    return cohorts.map((c) => ({ id: String(c._id), gardenId: String(c.gardenId), title: c.title, minSessionsAttended: c.minSessionsAttended, deadline: c.enrolmentDeadline.getTime() }));
  })));
  return lists.flat().sort((a, b) => b.deadline - a.deadline).map(({ deadline: _deadline, ...c }) => c);
}

/** The enrolled companies of a cohort (not pending or waitlisted) and their listed participants. */
export async function enrolledParticipantsOf(cohortId: string | Types.ObjectId): Promise<Array<{ companyId: string; participantIds: string[] }>> {
  const enrolments = await Enrolment.find({ cohortId }, { companyId: 1, participantIds: 1, status: 1 }).lean();
  return enrolments.filter((e) => e.status === 'enrolled').map((e) => ({ companyId: String(e.companyId), participantIds: e.participantIds.map(String) }));
}

/** A cohort as other components need it. */
export interface CohortView {
  id: string;
  gardenId: string;
  courseSlug: string;
  title: string;
  participantsPerCompany: number;
  minSessionsAttended: number;
  trainerIds: string[];
  enrolmentDeadline: Date;
}

const toCohortView = (c: CohortDoc): CohortView => ({
  id: String(c._id), gardenId: String(c.gardenId), courseSlug: c.courseSlug, title: c.title,
  participantsPerCompany: c.participantsPerCompany, minSessionsAttended: c.minSessionsAttended, trainerIds: c.trainerIds.map(String),
  enrolmentDeadline: c.enrolmentDeadline,
});

/** One cohort, or undefined for an unknown or malformed id. */
export async function cohortById(cohortId: Id): Promise<CohortView | undefined> {
  const id = toObjectId(cohortId);
  const c = id && await Cohort.findById(id).lean();
  return c ? toCohortView(c) : undefined;
}

/** The cohorts that name this person as a trainer, in the order they were created; none for a malformed id. Point lookups (staff.ts). */
export async function cohortsTaughtBy(accountId: Id): Promise<CohortView[]> {
  return (await cohortDocsTaughtBy(accountId)).map(toCohortView);
}

/** One garden: its name, where it is and who coordinates it; undefined for an unknown or malformed id. */
export async function gardenById(gardenId: Id): Promise<{ id: string; name: string; address: string; municipality: string; coordinatorIds: string[] } | undefined> {
  const id = toObjectId(gardenId);
  const g = id && await Garden.findById(id, { name: 1, address: 1, municipality: 1, coordinatorIds: 1 }).lean();
  return g ? { id: String(g._id), name: g.name, address: g.address, municipality: g.municipality, coordinatorIds: g.coordinatorIds.map(String) } : undefined;
}

/** A session as calendars and emails show it. */
export interface SessionView {
  id: string;
  cohortId: string;
  moduleSlug: string;
  position: number;
  startsAt: Date;
  endsAt: Date;
  room: string;
  status: SessionStatus;
  sequence: number;
  changeReason?: string;
  /** The code participants type to check themselves in, once the register has shown it. */
  checkInCode?: string;
}

/** A cohort with its garden and its sessions by start time. */
export interface CohortWithSessions {
  cohort: { id: string; gardenId: string; courseSlug: string; title: string; draft: boolean };
  garden: { id: string; name: string; address: string; contactName?: string; coordinatorIds: string[] };
  sessions: SessionView[];
}

/**
 * Cohorts by id or of one garden, each with its garden and sessions; unknown or malformed ids are left out.
 * Point lookups by `_id` and top-level equality only, which FerretDB pushes down; a cohort list is short.
 */
export async function cohortsWithSessions(filter: { cohortIds: Id[] } | { gardenId: Id }): Promise<CohortWithSessions[]> {
  let cohorts: CohortDoc[];
  if ('gardenId' in filter) {
    const gardenId = toObjectId(filter.gardenId);
    cohorts = gardenId ? await Cohort.find({ gardenId }).lean() : [];
  } else {
    // Sorted, so cohorts come in the order they were created, as a scan returns them.
    const ids = [...new Set(filter.cohortIds.map(String))].sort().map(toObjectId).filter((id) => id !== undefined);
    cohorts = (await Promise.all(ids.map((id) => Cohort.findById(id).lean()))).filter((c) => c !== null);
  }
  const gardenIds = [...new Set(cohorts.map((c) => String(c.gardenId)))];
  const [gardens, sessions] = await Promise.all([
    Promise.all(gardenIds.map((id) => Garden.findById(id).lean())),
    Promise.all(cohorts.map((c) => sessionsOfCohort(c._id))),
  ]);
  return cohorts.flatMap((cohort, i) => {
    const garden = gardens.find((g) => g?._id.equals(cohort.gardenId));
    if (!garden) return [];
    return [{
      cohort: { id: String(cohort._id), gardenId: String(cohort.gardenId), courseSlug: cohort.courseSlug, title: cohort.title, draft: cohort.draft === true },
      garden: {
        id: String(garden._id), name: garden.name, address: garden.address, contactName: garden.contactName ?? undefined,
        coordinatorIds: garden.coordinatorIds.map(String),
      },
      sessions: sessions[i]!,
    }];
  });
}

const toSessionView = (s: WorkshopSessionDoc): SessionView => ({
  id: String(s._id), cohortId: String(s.cohortId), moduleSlug: s.moduleSlug, position: s.position, startsAt: s.startsAt, endsAt: s.endsAt,
  room: s.room, status: s.status as SessionStatus, sequence: s.sequence ?? 0, changeReason: s.changeReason ?? undefined,
  checkInCode: s.checkInCode ?? undefined,
});

// Only present fields are cached: an undefined field would come back from the cache as null.
const withoutUndefined = <T extends object>(row: T): T => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;

/** A cohort's sessions by start time; none for an unknown or malformed id. Cached per cohort: two point lookups while its sessions are unchanged. */
export async function sessionsOfCohort(cohortId: Id): Promise<SessionView[]> {
  const id = toObjectId(cohortId);
  if (!id) return [];
  return readThroughCache(`sessions-of-cohort:${String(id)}`, [scopes.sessions(id)], async () =>
    (await WorkshopSession.find({ cohortId: id }).sort({ startsAt: 1 }).lean()).map((s) => withoutUndefined(toSessionView(s))));
}

/** The session, not cancelled, that holds this check-in code; two point lookups (see check-in-code.model.ts). */
export async function sessionWithCheckInCode(code: string): Promise<SessionView | undefined> {
  const claimed = await CheckInCode.findById(code, { sessionId: 1 }).lean();
  const session = claimed && await WorkshopSession.findById(claimed.sessionId).lean();
  // A code claimed by a first view that lost its race names a session holding another code.
  return session && session.checkInCode === code && session.status !== 'cancelled' ? toSessionView(session) : undefined;
}

/** One session, or undefined for an unknown or malformed id. */
export async function sessionById(sessionId: Id): Promise<SessionView | undefined> {
  const id = toObjectId(sessionId);
  const session = id && await WorkshopSession.findById(id).lean();
  return session ? toSessionView(session) : undefined;
}

type EnrolmentStatus = 'pending' | 'enrolled' | 'waitlisted';

/** A company's enrolment in a cohort: enrolled, waitlisted, or pending until its seat or place is recorded. */
export interface EnrolmentView {
  cohortId: string;
  companyId: string;
  status: EnrolmentStatus;
  participantIds: string[];
}

const toEnrolmentView = (e: { cohortId: Types.ObjectId; companyId: Types.ObjectId; status: string; participantIds: Types.ObjectId[] }): EnrolmentView =>
  ({ cohortId: String(e.cohortId), companyId: String(e.companyId), status: e.status as EnrolmentStatus, participantIds: e.participantIds.map(String) });
const ENROLMENT_FIELDS = { cohortId: 1, companyId: 1, status: 1, participantIds: 1 };

/** The company's enrolment in the cohort, if any. */
export async function enrolmentOf(cohortId: Id, companyId: Id): Promise<EnrolmentView | undefined> {
  const [cohort, company] = [toObjectId(cohortId), toObjectId(companyId)];
  const enrolment = cohort && company && await Enrolment.findOne({ cohortId: cohort, companyId: company }, ENROLMENT_FIELDS).lean();
  return enrolment ? toEnrolmentView(enrolment) : undefined;
}

/** A cohort's enrolments with their participants: every one, or those with this status. */
export async function enrolmentsOfCohort(cohortId: Id, status?: EnrolmentStatus): Promise<EnrolmentView[]> {
  return (await Enrolment.find({ cohortId, ...(status ? { status } : {}) }, ENROLMENT_FIELDS).lean()).map(toEnrolmentView);
}

/** The ids of the cohorts where this person is a participant of an enrolled company; point lookups (enrolments-of.ts). */
export async function cohortIdsWhereParticipant(accountId: Id): Promise<string[]> {
  return (await enrolmentsListing(accountId)).filter((e) => e.status === 'enrolled').map((e) => String(e.cohortId));
}

/** The enrolled company's enrolment in this cohort that lists the person as a participant, if any; point lookups (enrolments-of.ts). */
export async function enrolmentAsParticipant(accountId: Id, cohortId: Id): Promise<EnrolmentView | undefined> {
  const enrolment = (await enrolmentsListing(accountId)).find((e) => e.status === 'enrolled' && String(e.cohortId) === String(cohortId));
  return enrolment ? toEnrolmentView(enrolment) : undefined;
}

/** The ids of the cohorts where this company holds a seat (enrolled, not pending or waitlisted); point lookups (enrolments-of.ts). */
export async function cohortIdsWhereEnrolled(companyId: Id): Promise<string[]> {
  return (await enrolmentsOfCompany(companyId)).filter((e) => e.status === 'enrolled').map((e) => String(e.cohortId));
}

/** The gardens a person coordinates or teaches a cohort of, by name. */
export async function gardensWhereStaff(accountId: Id): Promise<Array<{ id: string; name: string }>> {
  if (!toObjectId(accountId)) return [];
  const { gardens: coordinated, cohorts: taught } = await staffPostsOf(accountId);
  const known = new Set(coordinated.map((g) => String(g._id)));
  const others = [...new Set(taught.map((c) => String(c.gardenId)))].filter((id) => !known.has(id));
  const teaching = await Promise.all(others.map((id) => Garden.findById(id, { name: 1 }).lean()));
  return [...coordinated, ...teaching.filter((g) => g !== null)]
    .map((g) => ({ id: String(g._id), name: g.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
