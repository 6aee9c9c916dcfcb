import { companiesByIds, contactsByIds } from '../accounts/queries.js';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { enrolledParticipantsOf, sessionsOfCohort } from '../workshops/queries.js';
import { AttendanceMark, type AttendanceStatus, type MarkSource } from './attendance.model.js';

/** A session as the attendance pages show it. */
export interface SheetSession {
  id: string; position: number; moduleSlug: string; startsAt: Date; endsAt: Date; room: string;
  status: 'scheduled' | 'moved' | 'cancelled'; checkInCode?: string;
}

export interface SheetMark {
  sessionId: string; accountId: string; companyId: string; status: AttendanceStatus; via: MarkSource; markedAt: Date; markedBy: string;
}

/**
 * Everything the register, the overview and the reports read of one cohort's
 * attendance: its sessions, enrolled companies with their participants, every
 * mark, and the names beside them. Gathering it takes filters on cohortId and
 * a point lookup per name, so it is cached (shared/db/fresh-cache.ts) and
 * rebuilt only after a write to the cohort's sessions, enrolments or marks, or
 * to anyone's name.
 */
export interface CohortSheet {
  sessions: SheetSession[];
  companies: Array<{ companyId: string; name: string; participantIds: string[] }>;
  marks: SheetMark[];
  people: Array<{ id: string; name: string; email: string }>;
}

/** The cohort's sheet: three point lookups while nothing changed, a rebuild after a change. */
export function cohortSheet(cohortId: string): Promise<CohortSheet> {
  return readThroughCache(`attendance-sheet:${cohortId}`, [scopes.cohort(cohortId), scopes.people], () => buildSheet(cohortId));
}

async function buildSheet(cohortId: string): Promise<CohortSheet> {
  // Filters on cohortId alone: top-level equality, which FerretDB on PostgreSQL and MongoDB answer from the filter.
  const [sessions, enrolments, marks] = await Promise.all([
    sessionsOfCohort(cohortId),
    enrolledParticipantsOf(cohortId),
    AttendanceMark.find({ cohortId }, { sessionId: 1, accountId: 1, companyId: 1, status: 1, via: 1, markedAt: 1, markedBy: 1 }).lean(),
  ]);
  // One point lookup per person and company (see findEachById): the cache rebuild reads what the cohort names.
  const [contacts, companies] = await Promise.all([
    contactsByIds([...enrolments.flatMap((e) => e.participantIds), ...marks.flatMap((m) => [String(m.accountId), String(m.markedBy)])]),
    companiesByIds(enrolments.map((e) => e.companyId)),
  ]);
  const names = { people: contacts.map(({ id, name, email }) => ({ id, name, email })), companies };
  const companyName = new Map(names.companies.map((c) => [c.id, c.name]));
  return {
    sessions: sessions.sort((a, b) => a.position - b.position).map((s) => ({
      id: s.id, position: s.position, moduleSlug: s.moduleSlug, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, status: s.status, checkInCode: s.checkInCode,
    })),
    companies: enrolments.filter((e) => companyName.has(e.companyId)).map((e) => ({ ...e, name: companyName.get(e.companyId)! })),
    marks: marks.map((m) => ({
      sessionId: String(m.sessionId), accountId: String(m.accountId), companyId: String(m.companyId), status: m.status, via: m.via, markedAt: m.markedAt, markedBy: String(m.markedBy),
    })),
    people: names.people,
  };
}
