// The calendar component's public face: its service and routes factories and the dashboard's calendar panel.
export { calendarPanel, calendarRoutes, type CalendarPanel } from './calendar.routes.js';
export { createCalendarService, type CalendarService, type CalendarServiceDeps } from './calendar.service.js';
// iCalendar content and cohort sessions as calendars show them, for the mail component's invitations.
export { cohortCalendar, sessionCalendar } from './ics.js';
export { calendarSessions, cohortLink, loadCohortBundles, sessionWhen, type CalendarSettings, type CohortBundle } from './sessions.js';
// A person's own data: what the export shows of calendar feeds, and the erasure's step here.
export * as calendarPersonalData from './personal-data.js';
