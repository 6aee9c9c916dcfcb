// Reads other components may make of accounts' data: plain objects, string ids.
import { trusted, Types } from 'mongoose';
import { findEachById } from '../shared/db/point-lookups.js';
import { Company } from './company.model.js';
import { normaliseOrgNumber } from './org-number.js';
import type { Role } from '../shared/http/account.js';
import type { Id } from '../shared/db/ids.js';
import type { Language } from '../shared/i18n/index.js';
import { OneTimeToken } from './token.model.js';
import { User } from './user.model.js';

/** The id of the company registered with this organisation number (spaces allowed), if any. */
export async function companyIdByOrgNumber(orgNumber: string): Promise<string | undefined> {
  const company = await Company.findOne({ orgNumber: normaliseOrgNumber(orgNumber) }, { _id: 1 }).lean();
  return company ? String(company._id) : undefined;
}

// Each reader below asks for the few accounts or companies one page names, so each id is one
// point lookup (see findEachById): the cost follows the page, not the number of accounts stored.
const validIds = (ids: Array<string | Types.ObjectId>) => ids.map(String).filter((id) => Types.ObjectId.isValid(id));

/**
 * The companies registered with these (normalised) organisation numbers, and the accounts with these
 * emails: what an import file's lines already match. One read each, as a file may hold hundreds of lines.
 */
export async function knownCompaniesAndPeople(orgNumbers: string[], emails: string[]): Promise<{
  companies: Array<{ id: string; name: string; orgNumber: string }>;
  people: Array<{ id: string; email: string; companyId?: string }>;
}> {
  const [companies, users] = await Promise.all([
    Company.find({ orgNumber: trusted({ $in: orgNumbers }) }, { name: 1, orgNumber: 1 }).lean(),
    User.find({ email: trusted({ $in: emails }) }, { email: 1, companyId: 1 }).lean(),
  ]);
  return {
    companies: companies.map((c) => ({ id: String(c._id), name: c.name, orgNumber: c.orgNumber })),
    people: users.map((u) => ({ id: String(u._id), email: u.email, companyId: u.companyId ? String(u.companyId) : undefined })),
  };
}

/** Whether the person holds an unspent link of this purpose (an invitation, say), expired or not. */
export async function holdsLink(userId: Id, purpose: 'reset' | 'invite'): Promise<boolean> {
  return (await OneTimeToken.exists({ userId, purpose })) !== null;
}

/** Names of people by id (string keys), for pages that show who did something; ids without an account are left out. */
export async function namesByIds(ids: Id[]): Promise<Map<string, string>> {
  return new Map((await contactsByIds(ids)).map((person) => [person.id, person.name]));
}

/** The roles of the accounts with these ids; ids without an account are left out. */
export async function rolesByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; roles: Role[] }>> {
  const users = await findEachById(validIds(ids), (id) => User.findById(id, { roles: 1 }).lean());
  return users.map((u) => ({ id: String(u._id), roles: u.roles as Role[] }));
}

/** Accounts with a role, by name, for pickers (trainers for cohorts, coordinators for gardens). */
export async function accountsWithRole(role: Role): Promise<Array<{ id: string; name: string; email: string }>> {
  const users = await User.find({ roles: role }, { name: 1, email: 1 }).sort({ name: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), name: u.name, email: u.email }));
}

/** Name and organisation number of the companies with these ids; ids without a company are left out. */
export async function companiesByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; name: string; orgNumber: string }>> {
  const companies = await findEachById(validIds(ids), (id) => Company.findById(id, { name: 1, orgNumber: 1 }).lean());
  return companies.map((c) => ({ id: String(c._id), name: c.name, orgNumber: c.orgNumber }));
}

/** A company's name, organisation number, municipality and contact, by one lookup of its _id; undefined when there is no such company. */
export async function companyCard(id: string | Types.ObjectId): Promise<{
  id: string; name: string; orgNumber: string; municipality: string; contactName?: string; contactEmail?: string;
} | undefined> {
  const company = await Company.findById(id, { name: 1, orgNumber: 1, municipality: 1, contactName: 1, contactEmail: 1 }).lean();
  return company ? {
    id: String(company._id), name: company.name, orgNumber: company.orgNumber, municipality: company.municipality,
    contactName: company.contactName ?? undefined, contactEmail: company.contactEmail ?? undefined,
  } : undefined;
}

/** Name and email of one account, by a lookup of its _id. */
export async function personById(id: string | Types.ObjectId): Promise<{ id: string; name: string; email: string } | undefined> {
  const user = await User.findById(id, { name: 1, email: 1 }).lean();
  return user ? { id: String(user._id), name: user.name, email: user.email } : undefined;
}

/** A person as emails and calendars address them. */
export interface Contact {
  id: string;
  name: string;
  email: string;
  language: Language;
  companyId?: string;
}

const CONTACT_FIELDS = { name: 1, email: 1, language: 1, companyId: 1 };
const toContact = (u: { _id: Types.ObjectId; name: string; email: string; language?: string | null; companyId?: Types.ObjectId | null }): Contact =>
  ({ id: String(u._id), name: u.name, email: u.email, language: u.language === 'en' ? 'en' : 'nb', companyId: u.companyId ? String(u.companyId) : undefined });

/** The people with these ids, in the order they were stored (ObjectIds sort by creation); unknown or malformed ids are left out. */
export async function contactsByIds(ids: Id[]): Promise<Contact[]> {
  const users = await findEachById(validIds(ids).sort(), (id) => User.findById(id, CONTACT_FIELDS).lean());
  return users.map(toContact);
}

/** The people of a company (with `role`, only those who have it), in the order they were stored. */
export async function contactsOfCompany(companyId: Id, role?: Role): Promise<Contact[]> {
  const users = await User.find({ companyId, ...(role ? { roles: role } : {}) }, CONTACT_FIELDS).lean();
  return users.map(toContact);
}
