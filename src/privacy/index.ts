// The privacy component's public face: the notice's version (registration records it) and its routes.
export { ACCESSIBILITY_STATEMENT_DATE, PRIVACY_NOTICE_VERSION } from './notice.js';
export { privacyRoutes, type SiteOwner } from './privacy.routes.js';
