// The reports component's public face: its routes factory.
export { reportsRoutes } from './reports.routes.js';
