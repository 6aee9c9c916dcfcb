// The imports component's public face: its service and routes factories.
export { importsRoutes } from './imports.routes.js';
export { createImportsService, type ImportsDeps, type ImportsService } from './imports.service.js';
