// The workshops component's public face: its services and routes factories and the types others use.
// Reads of workshops' data by other components go through queries.ts.
export { cohortsRoutes } from './cohorts.routes.js';
export { createCohortsService, type CohortsService } from './cohorts.service.js';
export { dashboardCohorts, type DashboardCohort } from './dashboard.service.js';
export { createEnrolmentService, type EnrolmentOutcome, type EnrolmentService, type EnrolRequest } from './enrolment.service.js';
export { AlreadyEnrolledError, NotEnrolledError, ParticipantLimitError } from './errors.js';
export { claimOlderCheckInCodes, giveCheckInCode } from './check-in-codes.js';
export { gardensRoutes } from './gardens.routes.js';
export { listingRoutes } from './listing.routes.js';
// Who may manage or teach a cohort or garden; other components check access through these.
export { assertManagesCohort, assertManagesGarden, assertStaffOfCohort, managesGarden, teachesCohort } from './access.js';
export { listManagedGardens } from './gardens.service.js';
// Recorded calendar changes, which the mail component's fan-out tells participants about.
export { applyCalendarChange, finishCalendarChange, isOvertaken, noteTold, openCalendarChanges, type StoredCalendarChange } from './calendar-changes.js';
// A person's own data: what the export shows of workshops, and the erasure's step here.
export * as workshopsPersonalData from './personal-data.js';
