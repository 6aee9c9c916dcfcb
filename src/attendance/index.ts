// The attendance component's public face: its service and routes factories and the attendance rule's summary.
export { attendanceRoutes, type AttendanceRoutesDeps } from './attendance.routes.js';
export { createAttendanceService, type AttendanceService } from './attendance.service.js';
export { attendanceSummary, companyMeetsAttendanceRule } from './summary.js';
// A person's own data: what the export shows of attendance, and the erasure's step here.
export * as attendancePersonalData from './personal-data.js';
