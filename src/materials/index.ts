// The materials component's public face: its routes factory and the module's file list the course pages show.
export { materialsRoutes, type MaterialsRoutesDeps } from './materials.routes.js';
export { listMaterialsForModule, type MaterialSummary } from './materials.service.js';
// A person's own data: what the export shows of materials, and the erasure's step here.
export * as materialsPersonalData from './personal-data.js';
