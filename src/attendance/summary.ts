import { isValidObjectId } from 'mongoose';
import { NotFoundError } from '../shared/errors.js';
import { cohortById } from '../workshops/queries.js';
import { ATTENDED, type AttendanceStatus } from './attendance.model.js';
import { cohortSheet, type CohortSheet } from './cohort-sheet.js';
import { rosterOf, type Id } from './roster.js';

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

/** A cohort's title and rule, as the summary needs them. */
export interface SummaryCohort { id: string; title: string; minSessionsAttended: number }

/**
 * Attendance of a whole cohort as plain data: per session, per enrolled company
 * and per participant, with the completion rule (represented at
 * minSessionsAttended sessions or more). Reads the cohort by id and its cached
 * sheet: four point lookups while nothing changed, whatever the cohort's size.
 */
export async function attendanceSummary(cohortId: Id, now: Date = new Date()): Promise<AttendanceSummary> {
  if (!isValidObjectId(cohortId)) throw new NotFoundError();
  const [cohort, sheet] = await Promise.all([cohortById(cohortId), cohortSheet(String(cohortId))]);
  if (!cohort) throw new NotFoundError();
  return summarise(cohort, sheet, now);
}

/** The summary of a cohort from its sheet; `now` decides which sessions are still ahead. */
export function summarise(cohort: SummaryCohort, sheet: CohortSheet, now: Date): AttendanceSummary {
  const { sessions, marks } = sheet;
  const roster = rosterOf(sheet, marks);
  const statusOf = new Map(marks.map((m) => [`${m.sessionId}:${m.accountId}`, m.status]));
  const represented = new Set(marks.filter((m) => attended(m.status)).map((m) => `${m.sessionId}:${m.companyId}`));
  const taken = new Set(marks.map((m) => m.sessionId));
  const people = roster.flatMap((c) => c.participants);
  const held = sessions.filter((s) => s.status !== 'cancelled');

  const sessionSummaries = sessions.map((s): SessionSummary => ({
    sessionId: s.id, position: s.position, moduleSlug: s.moduleSlug, startsAt: s.startsAt, endsAt: s.endsAt,
    cancelled: s.status === 'cancelled', registerTaken: taken.has(s.id), participants: people.length,
    attended: people.filter((p) => attended(statusOf.get(`${s.id}:${p.accountId}`) ?? '')).length,
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

  return { cohortId: cohort.id, title: cohort.title, minSessionsAttended: cohort.minSessionsAttended, sessions: sessionSummaries, companies };
}

/** Whether an enrolled company was represented at enough sessions (not cancelled) of the cohort. */
export async function companyMeetsAttendanceRule(cohortId: Id, companyId: Id): Promise<boolean> {
  if (!isValidObjectId(cohortId) || !isValidObjectId(companyId)) return false;
  const [cohort, sheet] = await Promise.all([cohortById(cohortId), cohortSheet(String(cohortId))]);
  if (!cohort || !sheet.companies.some((c) => c.companyId === String(companyId))) return false;
  const held = new Set(sheet.sessions.filter((s) => s.status !== 'cancelled').map((s) => s.id));
  const sessions = new Set(sheet.marks.filter((m) => m.companyId === String(companyId) && attended(m.status) && held.has(m.sessionId)).map((m) => m.sessionId));
  return sessions.size >= cohort.minSessionsAttended;
}
