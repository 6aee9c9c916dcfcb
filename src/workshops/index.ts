// The workshops component's public face: its services and routes factories and the types others use.
// Reads of workshops' data by other components go through queries.ts.
export { cohortsRoutes } from './cohorts.routes.js';
export { createCohortsService, type CohortsService } from './cohorts.service.js';
export { dashboardCohorts, type DashboardCohort } from './dashboard.service.js';
export { createEnrolmentService, type EnrolmentOutcome, type EnrolmentService, type EnrolRequest } from './enrolment.service.js';
export { gardensRoutes } from './gardens.routes.js';
export { listingRoutes } from './listing.routes.js';
