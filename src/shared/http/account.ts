import type { Language } from '../i18n/index.js';

/** The roles a person can hold; the guards check them, the accounts component stores them. */
export const ROLES = ['participant', 'trainer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What the HTTP plumbing knows about the signed-in person (`req.account`, `res.locals.account`).
 * Defined here so shared/ needs no component; the accounts component's AccountView is this shape.
 */
export interface SignedInAccount {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  companyId?: string;
  language: Language;
}
