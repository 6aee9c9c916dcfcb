// The attendance component's public face: its service and routes factories and the attendance rule's summary.
export { attendanceRoutes, type AttendanceRoutesDeps } from './attendance.routes.js';
export { createAttendanceService, type AttendanceService } from './attendance.service.js';
export { attendanceSummary, companyMeetsAttendanceRule } from './summary.js';
