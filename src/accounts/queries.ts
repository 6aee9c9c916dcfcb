// Reads other components may make of accounts' data: plain objects, string ids.
import { trusted, Types } from 'mongoose';
import { Company } from './company.model.js';
import { normaliseOrgNumber } from './org-number.js';
import type { Role } from '../shared/http/account.js';
import { User } from './user.model.js';

/** The id of the company registered with this organisation number (spaces allowed), if any. */
export async function companyIdByOrgNumber(orgNumber: string): Promise<string | undefined> {
  const company = await Company.findOne({ orgNumber: normaliseOrgNumber(orgNumber) }, { _id: 1 }).lean();
  return company ? String(company._id) : undefined;
}

/** Names of people by id (string keys), in one query; ids that are not valid are left out. */
export async function namesByIds(ids: Array<string | Types.ObjectId>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))].filter((id) => Types.ObjectId.isValid(id));
  if (!unique.length) return new Map();
  const users = await User.find({ _id: trusted({ $in: unique }) }, { name: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name]));
}

/** The roles of the accounts with these ids; ids without an account are left out. */
export async function rolesByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; roles: Role[] }>> {
  const users = await User.find({ _id: trusted({ $in: ids }) }, { roles: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), roles: u.roles as Role[] }));
}

/** Name and email of the accounts with these ids; ids without an account are left out. */
export async function peopleByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; name: string; email: string }>> {
  const users = await User.find({ _id: trusted({ $in: ids }) }, { name: 1, email: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), name: u.name, email: u.email }));
}

/** Accounts with a role, by name, for pickers (trainers for cohorts, coordinators for gardens). */
export async function accountsWithRole(role: Role): Promise<Array<{ id: string; name: string; email: string }>> {
  const users = await User.find({ roles: role }, { name: 1, email: 1 }).sort({ name: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), name: u.name, email: u.email }));
}

/** Name and organisation number of the companies with these ids; ids without a company are left out. */
export async function companiesByIds(ids: Array<string | Types.ObjectId>): Promise<Array<{ id: string; name: string; orgNumber: string }>> {
  const companies = await Company.find({ _id: trusted({ $in: ids }) }, { name: 1, orgNumber: 1 }).lean();
  return companies.map((c) => ({ id: String(c._id), name: c.name, orgNumber: c.orgNumber }));
}

/**
 * Names (and people's addresses) by id, one point lookup per id sent together:
 * every backend answers {_id: value} from its primary key, where an $in reads
 * the whole collection on FerretDB. For caches that rebuild after a change.
 */
export async function namesOneByOne(ids: { people: string[]; companies: string[] }) {
  const [people, companies] = await Promise.all([
    Promise.all([...new Set(ids.people)].map((id) => User.findById(id, { name: 1, email: 1 }).lean())),
    Promise.all([...new Set(ids.companies)].map((id) => Company.findById(id, { name: 1 }).lean())),
  ]);
  return {
    people: people.flatMap((u) => (u ? [{ id: String(u._id), name: u.name, email: u.email }] : [])),
    companies: companies.flatMap((c) => (c ? [{ id: String(c._id), name: c.name }] : [])),
  };
}
