// The courses component's public face: the loaded catalogue, its service and routes factories, and their types.
export { CourseCatalogue, type CourseOutline, type CourseSummary, type ModuleOutline, type ModulePage } from './catalogue.js';
export { loadCourses } from './content-loader.js';
export { STRATEGY_SECTIONS, type StrategySection } from './content-schemas.js';
export type { ListMaterials, MaterialListItem } from './course.pages.js';
export { coursesRoutes, type CoursesRoutesDeps } from './courses.routes.js';
export { createCoursesService, isCourseStaff, type CourseProgress, type CoursesService, type DashboardCourse, type Learner } from './courses.service.js';
// A person's own data: what the export shows of courses, and the erasure's step here.
export * as coursesPersonalData from './personal-data.js';
