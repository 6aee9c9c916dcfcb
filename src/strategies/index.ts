// The strategies component's public face: its service and routes factories, and what the reports show of it.
export { createStrategies, type Strategies, type StrategiesDeps } from './strategies.service.js';
export { strategiesRoutes } from './strategies.routes.js';
export { attendanceStandings, type AttendanceStanding } from './completion/attendance-rule.js';
export { scoreLabel } from './maturity/maturity.pages.js';
export { strategyPaths } from './strategy.pages.js';
export type { StrategyStatus } from './strategy.model.js';
// A person's own data: what the export shows of strategies, and the erasure's step here.
export * as strategiesPersonalData from './personal-data.js';
