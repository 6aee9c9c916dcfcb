// The calendar component's public face: its service and routes factories and the dashboard's calendar panel.
export { calendarPanel, calendarRoutes, type CalendarPanel } from './calendar.routes.js';
export { createCalendarService, type CalendarService, type CalendarServiceDeps } from './calendar.service.js';
