// The accounts component's public face: its service and routes factories and the types others use.
// Reads of accounts' data by other components go through queries.ts.
export { createAccountsService, toAccountView, type AccountsDeps, type AccountsService, type AccountView } from './accounts.service.js';
export { accountsRoutes } from './accounts.routes.js';
export { adminRoutes } from './admin.routes.js';
export { createCompanyService, type CompanyDeps, type CompanyService } from './company.service.js';
export { companyRoutes } from './company.routes.js';
export { createProfileService, type ProfileService } from './profile.service.js';
export { profileRoutes } from './profile.routes.js';
export { createAdmin } from './admin.service.js';
export { findOrCreateCompany, findOrCreateParticipant, type ListedPerson } from './find-or-create.js';
export { issueLink, removeExpiredLinks } from './one-time-links.js';
export { isValidOrgNumber, normaliseOrgNumber } from './org-number.js';
export { ROLES, type Role } from '../shared/http/account.js';
// A person's own data: what the export shows of accounts, and the erasure's step here.
export * as accountsPersonalData from './personal-data.js';
