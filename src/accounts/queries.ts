// Reads other components may make of accounts' data: plain objects, string ids.
import { Types } from 'mongoose';
import { findEachById } from '../shared/db/point-lookups.js';
import { Company } from './company.model.js';
import { normaliseOrgNumber } from './org-number.js';
import type { Role } from '../shared/http/account.js';
import { User } from './user.model.js';

/** The id of the company registered with this organisation number (spaces allowed), if any. */
export async function companyIdByOrgNumber(orgNumber: string): Promise<string | undefined> {
  const company = await Company.findOne({ orgNumber: normaliseOrgNumber(orgNumber) }, { _id: 1 }).lean();
  return company ? String(company._id) : undefined;
}

// Each reader below asks for the few accounts or companies one page names, so each id is one
// point lookup (see findEachById): the cost follows the page, not the number of accounts stored.
const validIds = (ids: Array<string | Types.ObjectId>) => ids.map(String).filter((id) => Types.ObjectId.isValid(id));

/** Names of people by id (string keys); ids that are not valid are left out. */
export async function namesByIds(ids: Array<string | Types.ObjectId>): Promise<Map<string, string>> {
  const users = await findEachById(validIds(ids), (id) => User.findById(id, { name: 1 }).lean());
  return new Map(users.map((u) => [String(u._id), u.name]));
}

/** The roles of the accounts with these ids; ids without an account are left out. */
export async function rolesByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; roles: Role[] }>> {
  const users = await findEachById(validIds(ids), (id) => User.findById(id, { roles: 1 }).lean());
  return users.map((u) => ({ id: String(u._id), roles: u.roles as Role[] }));
}

/** Name and email of the accounts with these ids; ids without an account are left out. */
export async function peopleByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; name: string; email: string }>> {
  const users = await findEachById(validIds(ids), (id) => User.findById(id, { name: 1, email: 1 }).lean());
  return users.map((u) => ({ id: String(u._id), name: u.name, email: u.email }));
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

/** A company's name, organisation number and contact, by one lookup of its _id; undefined when there is no such company. */
export async function companyCard(id: string | Types.ObjectId): Promise<{ id: string; name: string; orgNumber: string; contactName?: string; contactEmail?: string } | undefined> {
  const company = await Company.findById(id, { name: 1, orgNumber: 1, contactName: 1, contactEmail: 1 }).lean();
  return company ? { id: String(company._id), name: company.name, orgNumber: company.orgNumber, contactName: company.contactName ?? undefined, contactEmail: company.contactEmail ?? undefined } : undefined;
}

/** Name and email of one account, by a lookup of its _id. */
export async function personById(id: string | Types.ObjectId): Promise<{ id: string; name: string; email: string } | undefined> {
  const user = await User.findById(id, { name: 1, email: 1 }).lean();
  return user ? { id: String(user._id), name: user.name, email: user.email } : undefined;
}
