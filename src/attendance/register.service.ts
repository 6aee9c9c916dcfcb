import type { AccountView } from '../accounts/index.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { assertStaffOfCohort } from '../workshops/index.js';
import type { AttendanceStatus, MarkSource } from './attendance.model.js';
import { ensureCheckInCode } from './check-in.service.js';
import { checkInWindow } from './check-in-code.js';
import { assertSessionStarted } from './errors.js';
import { cohortSheet, type CohortSheet } from './cohort-sheet.js';
import { recordMark } from './marks.js';
import { peopleById, rosterOf, type Id, type RosterPerson } from './roster.js';
import { readAttendanceSheet } from './sheet.js';
import { idOrNotFound } from '../shared/db/ids.js';
import type { KeysUnder, MessageKey } from '../shared/i18n/index.js';

export interface RegisterRow extends RosterPerson {
  status?: AttendanceStatus;
  markedAt?: Date;
  markedByName?: string;
  via?: MarkSource;
}

/** Everything the register page shows for one session. */
export interface Register {
  cohort: { id: string; title: string };
  session: { id: string; position: number; moduleSlug: string; startsAt: Date; endsAt: Date; room: string; cancelled: boolean; notStarted: boolean };
  /** Absent for a cancelled session, whose code would not work anyway. */
  checkIn?: { code: string; opensAt: Date; closesAt: Date };
  companies: Array<{ companyId: string; name: string; participants: RegisterRow[] }>;
  sessions: Array<{ id: string; position: number; startsAt: Date; cancelled: boolean }>;
  counts: { participants: number; marked: number; attended: number };
}

/** The outcome of a paper-sheet upload: rows applied, rows already so, and lines not used with why. */
export interface SheetReport {
  applied: number;
  unchanged: number;
  problems: Array<{ line: number; key: MessageKey; params: Record<string, string | number> }>;
}

/**
 * Loads the cohort for its staff, its sheet and one of its sessions, or throws
 * 403/404. The sheet is read alongside the access check; it is shown only after.
 */
async function assertStaffSession(account: AccountView, cohortId: Id, sessionId: Id) {
  const [{ cohort }, sheet] = await Promise.all([assertStaffOfCohort(account, cohortId), cohortSheet(String(idOrNotFound(cohortId)))]);
  const session = sheet.sessions.find((s) => s.id === String(idOrNotFound(sessionId)));
  if (!session) throw new NotFoundError();
  return { cohort, session, sheet };
}

/** The current marks of one session, keyed by account id. */
const marksOfSession = (sheet: CohortSheet, sessionId: string) =>
  new Map(sheet.marks.filter((m) => m.sessionId === sessionId).map((m) => [m.accountId, m]));

/** The register of a session: every participant of every enrolled company with their current mark. */
export async function loadRegister(account: AccountView, cohortId: Id, sessionId: Id, now: Date): Promise<Register> {
  const { cohort, session, sheet } = await assertStaffSession(account, cohortId, sessionId);
  const cancelled = session.status === 'cancelled';
  const marks = marksOfSession(sheet, session.id);
  const code = cancelled ? undefined : session.checkInCode ?? await ensureCheckInCode(session.id);
  const roster = rosterOf(sheet, [...marks.values()]);
  const markerName = new Map(sheet.people.map((p) => [p.id, p.name]));
  const companies = roster.map((company) => ({
    ...company,
    participants: company.participants.map((person): RegisterRow => {
      const mark = marks.get(person.accountId);
      return mark
        ? { ...person, status: mark.status, markedAt: mark.markedAt, via: mark.via, markedByName: markerName.get(mark.markedBy) }
        : person;
    }),
  }));
  const rows = companies.flatMap((c) => c.participants);
  return {
    cohort: { id: String(cohort._id), title: cohort.title },
    session: {
      id: session.id, position: session.position, moduleSlug: session.moduleSlug,
      startsAt: session.startsAt, endsAt: session.endsAt, room: session.room, cancelled, notStarted: now < session.startsAt,
    },
    checkIn: code ? { code, ...checkInWindow(session) } : undefined,
    companies,
    sessions: sheet.sessions.map((s) => ({ id: s.id, position: s.position, startsAt: s.startsAt, cancelled: s.status === 'cancelled' })),
    counts: {
      participants: rows.length,
      marked: rows.filter((r) => r.status).length,
      attended: rows.filter((r) => r.status === 'present' || r.status === 'late').length,
    },
  };
}

/**
 * Loads what saving needs and refuses a cancelled session or one not started
 * yet: nobody can have attended either.
 */
async function prepareMarking(account: AccountView, cohortId: Id, sessionId: Id, now: Date) {
  const { cohort, session, sheet } = await assertStaffSession(account, cohortId, sessionId);
  if (session.status === 'cancelled') throw new ConflictError('attendance.errors.sessionCancelled');
  assertSessionStarted(session, now);
  return { session: { _id: session.id, cohortId: cohort._id }, people: peopleById(rosterOf(sheet)), marks: marksOfSession(sheet, session.id) };
}

/**
 * Saves the register: each chosen status that differs from the stored one.
 * With `restPresent`, everyone with neither a choice nor a mark becomes present.
 * Accounts not on the roster (a stale form) are skipped. Returns how many marks changed.
 */
export async function saveRegister(
  account: AccountView,
  input: { cohortId: Id; sessionId: Id; marks: Array<{ accountId: string; status: AttendanceStatus }>; restPresent: boolean },
  now: Date,
): Promise<number> {
  const { session, people, marks } = await prepareMarking(account, input.cohortId, input.sessionId, now);
  const chosen = new Map(input.marks.map((m) => [m.accountId, m.status]));
  const changes = [...people.values()].flatMap((person) => {
    const status = chosen.get(person.accountId) ?? (input.restPresent && !marks.has(person.accountId) ? 'present' : undefined);
    return status && status !== marks.get(person.accountId)?.status ? [{ person, status }] : [];
  });
  await Promise.all(changes.map(({ person, status }) => recordMark({
    session, accountId: person.accountId, companyId: person.companyId, status, via: 'register', by: account.id, at: now,
  })));
  return changes.length;
}

/**
 * Applies an uploaded paper sheet. A file that is not CSV at all throws
 * NotACsvError and nothing is applied; otherwise every usable row is applied
 * and each unusable line is reported (unknown email or status, or a repeat).
 */
export async function importSheet(account: AccountView, input: { cohortId: Id; sessionId: Id; bytes: Buffer }, now: Date): Promise<SheetReport> {
  const { session, people, marks } = await prepareMarking(account, input.cohortId, input.sessionId, now);
  const rows = readAttendanceSheet(input.bytes);
  const byEmail = new Map([...people.values()].map((p) => [p.email.toLowerCase(), p]));
  const firstLine = new Map<string, number>();
  const report: SheetReport = { applied: 0, unchanged: 0, problems: [] };
  const changes: Array<{ person: RosterPerson; status: AttendanceStatus }> = [];
  for (const row of rows) {
    const person = byEmail.get(row.email);
    const problem = (key: KeysUnder<'attendance.csv.problems'>, params: Record<string, string | number> = {}) => report.problems.push({ line: row.line, key: `attendance.csv.problems.${key}`, params });
    if (!row.email) problem('missingEmail');
    else if (!person) problem('unknownEmail', { email: row.email });
    else if (!row.status) problem('unknownStatus', { status: row.statusText });
    else if (firstLine.has(row.email)) problem('duplicate', { email: row.email, first: firstLine.get(row.email)! });
    else {
      firstLine.set(row.email, row.line);
      if (marks.get(person.accountId)?.status === row.status) report.unchanged += 1;
      else changes.push({ person, status: row.status });
    }
  }
  await Promise.all(changes.map(({ person, status }) => recordMark({
    session, accountId: person.accountId, companyId: person.companyId, status, via: 'csv', by: account.id, at: now,
  })));
  report.applied = changes.length;
  return report;
}
