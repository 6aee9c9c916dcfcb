// The imports component's public face: its service and routes factories.
export { importsRoutes } from './imports.routes.js';
export { createImportsService, type ImportsDeps, type ImportsService } from './imports.service.js';
// A person's own data: what the export shows of imports, and the erasure's step here.
export * as importsPersonalData from './personal-data.js';
