// The privacy component's public face: the notice's version (registration records it), its routes,
// and a person's own data: the export and the erasure of their account.
export { ACCESSIBILITY_STATEMENT_DATE, PRIVACY_NOTICE_VERSION } from './notice.js';
export { privacyRoutes, type SiteOwner } from './privacy.routes.js';
export { myDataRoutes } from './data.routes.js';
export { createErasureService, type ErasureDeps, type ErasurePlan, type ErasureService } from './erasure.service.js';
export { personalDataOf, type PersonalData } from './export.service.js';
