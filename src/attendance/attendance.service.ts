import type { AccountView } from '../accounts/index.js';
import { assertStaffOfCohort } from '../workshops/index.js';
import { checkIn } from './check-in.service.js';
import { importSheet, loadRegister, saveRegister } from './register.service.js';
import type { Id } from './roster.js';
import type { SaveRegisterInput } from './schemas.js';
import { summarise } from './summary.js';
import { cohortSheet } from './cohort-sheet.js';
import { idOrNotFound } from '../shared/db/ids.js';

/** Attendance use cases with the clock bound: the register, self check-in, paper sheets and the overview. */
export function createAttendanceService(deps: { now: () => Date }) {
  return {
    /** The register of one session, for the cohort's staff. */
    register: (account: AccountView, cohortId: Id, sessionId: Id) => loadRegister(account, cohortId, sessionId, deps.now()),

    /** Saves the statuses chosen in the register; returns how many changed. */
    saveRegister: (account: AccountView, cohortId: Id, sessionId: Id, input: SaveRegisterInput) =>
      saveRegister(account, { cohortId, sessionId, ...input }, deps.now()),

    /** Applies an uploaded paper sheet (CSV) to a session's register. */
    importSheet: (account: AccountView, cohortId: Id, sessionId: Id, bytes: Buffer) =>
      importSheet(account, { cohortId, sessionId, bytes }, deps.now()),

    /** A participant checks in with the session code. */
    checkIn: (account: AccountView, code: string) => checkIn(account, code, deps.now()),

    /** The cohort's attendance overview, for its staff. */
    async overview(account: AccountView, cohortId: Id) {
      const [{ cohort }, sheet] = await Promise.all([assertStaffOfCohort(account, cohortId), cohortSheet(String(idOrNotFound(cohortId)))]);
      return summarise({ id: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended }, sheet, deps.now());
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
