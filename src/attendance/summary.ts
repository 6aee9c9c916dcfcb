import { isValidObjectId, trusted } from 'mongoose';
import { NotFoundError } from '../shared/errors.js';
import { Cohort, WorkshopSession } from '../workshops/cohort.model.js';
import { Enrolment } from '../workshops/enrolment.model.js';
import { ATTENDED, AttendanceMark, type AttendanceStatus } from './attendance.model.js';
import { loadRoster, type Id } from './roster.js';

export interface SessionSummary {
  sessionId: string;
  position: number;
  moduleSlug: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  /** At least one mark exists, so the register has been taken. */
  registerTaken: boolean;
  /** Participants present or late, of `participants`. */
  attended: number;
  participants: number;
}

export interface CompanySessionSummary {
  sessionId: string;
  represented: boolean;
  /** Not represented yet, but still could be: the session has not ended, or its register is not taken. */
  open: boolean;
  cancelled: boolean;
}

export interface CompanySummary {
  companyId: string;
  name: string;
  /** Sessions (not cancelled) where at least one participant was present or late. */
  representedCount: number;
  /** Sessions that are not cancelled: the "of 6" in "n of 6". */
  sessionCount: number;
  meetsRule: boolean;
  canStillMeet: boolean;
  perSession: CompanySessionSummary[];
  participants: Array<{ accountId: string; name: string; perSession: Array<{ sessionId: string; status?: AttendanceStatus }> }>;
}

export interface AttendanceSummary {
  cohortId: string;
  title: string;
  minSessionsAttended: number;
  sessions: SessionSummary[];
  companies: CompanySummary[];
}

const attended = (status: string) => (ATTENDED as readonly string[]).includes(status);

/**
 * Attendance of a whole cohort as plain data: per session, per enrolled company
 * and per participant, with the completion rule (represented at
 * minSessionsAttended sessions or more). Six finds, whatever the cohort's size.
 */
export async function attendanceSummary(cohortId: Id, now: Date = new Date()): Promise<AttendanceSummary> {
  if (!isValidObjectId(cohortId)) throw new NotFoundError();
  const [cohort, sessions, marks] = await Promise.all([
    Cohort.findById(cohortId, { title: 1, minSessionsAttended: 1 }).lean(),
    WorkshopSession.find({ cohortId }, { position: 1, moduleSlug: 1, startsAt: 1, endsAt: 1, status: 1 }).sort({ position: 1 }).lean(),
    AttendanceMark.find({ cohortId }, { sessionId: 1, accountId: 1, companyId: 1, status: 1 }).lean(),
  ]);
  if (!cohort) throw new NotFoundError();
  const roster = await loadRoster(cohort._id, marks);

  const statusOf = new Map(marks.map((m) => [`${m.sessionId}:${m.accountId}`, m.status]));
  const represented = new Set(marks.filter((m) => attended(m.status)).map((m) => `${m.sessionId}:${m.companyId}`));
  const taken = new Set(marks.map((m) => String(m.sessionId)));
  const people = roster.flatMap((c) => c.participants);
  const held = sessions.filter((s) => s.status !== 'cancelled');

  const sessionSummaries = sessions.map((s): SessionSummary => ({
    sessionId: String(s._id), position: s.position, moduleSlug: s.moduleSlug, startsAt: s.startsAt, endsAt: s.endsAt,
    cancelled: s.status === 'cancelled', registerTaken: taken.has(String(s._id)), participants: people.length,
    attended: people.filter((p) => attended(statusOf.get(`${s._id}:${p.accountId}`) ?? '')).length,
  }));

  const companies = roster.map((company): CompanySummary => {
    const perSession = sessionSummaries.map((s): CompanySessionSummary => {
      const isRepresented = !s.cancelled && represented.has(`${s.sessionId}:${company.companyId}`);
      const stillAhead = s.endsAt > now || !s.registerTaken;
      return { sessionId: s.sessionId, represented: isRepresented, open: !s.cancelled && !isRepresented && stillAhead, cancelled: s.cancelled };
    });
    const representedCount = perSession.filter((s) => s.represented).length;
    const openCount = perSession.filter((s) => s.open).length;
    return {
      companyId: company.companyId, name: company.name, representedCount, sessionCount: held.length,
      meetsRule: representedCount >= cohort.minSessionsAttended,
      canStillMeet: representedCount + openCount >= cohort.minSessionsAttended,
      perSession,
      participants: company.participants.map((p) => ({
        accountId: p.accountId, name: p.name,
        perSession: sessionSummaries.map((s) => ({ sessionId: s.sessionId, status: statusOf.get(`${s.sessionId}:${p.accountId}`) })),
      })),
    };
  });

  return { cohortId: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended, sessions: sessionSummaries, companies };
}

/** Whether an enrolled company was represented at enough sessions (not cancelled) of the cohort. */
export async function companyMeetsAttendanceRule(cohortId: Id, companyId: Id): Promise<boolean> {
  if (!isValidObjectId(cohortId) || !isValidObjectId(companyId)) return false;
  const [cohort, enrolled, sessions] = await Promise.all([
    Cohort.findById(cohortId, { minSessionsAttended: 1 }).lean(),
    Enrolment.exists({ cohortId, companyId, status: 'enrolled' }),
    WorkshopSession.find({ cohortId, status: trusted({ $ne: 'cancelled' }) }, { _id: 1 }).lean(),
  ]);
  if (!cohort || !enrolled) return false;
  const marks = await AttendanceMark.find({
    cohortId, companyId, status: trusted({ $in: [...ATTENDED] }), sessionId: trusted({ $in: sessions.map((s) => s._id) }),
  }, { sessionId: 1 }).lean();
  return new Set(marks.map((m) => String(m.sessionId))).size >= cohort.minSessionsAttended;
}
