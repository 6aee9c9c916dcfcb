import { Types } from 'mongoose';
import { insertOnce } from '../shared/db/claims.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { Company } from './company.model.js';
import { eraseFromMembershipChanges } from './membership.js';
import { verifyPassword } from './password.js';
import { OneTimeToken } from './token.model.js';
import { User } from './user.model.js';

/*
 * The accounts component's part of a person's export and erasure. Filters other than {_id}
 * (a person's links, their colleagues) read the whole collection on FerretDB: acceptable for an
 * export or an erasure, which are rare.
 */

/** The name a company's stand-in carries on the records kept for the programme's figures. */
export const ERASED_COMPANY_NAME = 'Slettet bedrift';

/** The person as an export or erasure names them; NotFoundError when there is no such account. */
export async function subjectOf(personId: string): Promise<DataSubject & { roles: string[] }> {
  const user = Types.ObjectId.isValid(personId) ? await User.findById(personId, { name: 1, email: 1, companyId: 1, roles: 1 }).lean() : null;
  if (!user) throw new NotFoundError();
  const company = user.companyId ? await Company.findById(user.companyId, { name: 1 }).lean() : null;
  return {
    personId: String(user._id), name: user.name, email: user.email, roles: user.roles,
    companyId: user.companyId ? String(user.companyId) : undefined, companyName: company?.name,
  };
}

/** Refuses (a ValidationError on `field`) unless `password` is the account's own. */
export async function assertOwnPassword(personId: string, password: string, field: string): Promise<void> {
  const user = await User.findById(personId, { passwordHash: 1 }).lean();
  if (!user) throw new NotFoundError();
  if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) throw new ValidationError({ [field]: 'profile.currentPasswordWrong' });
}

/** How many other people belong to the company: none left means the company goes with the last. */
export async function colleaguesOf(personId: string, companyId: string): Promise<number> {
  const people = await User.find({ companyId }, { _id: 1 }).lean();
  return people.filter((p) => String(p._id) !== personId).length;
}

/** How many administrators there are besides this person. */
export async function otherAdmins(personId: string): Promise<number> {
  const admins = await User.find({ roles: 'admin' }, { _id: 1 }).lean();
  return admins.filter((a) => String(a._id) !== personId).length;
}

/** The person's profile, their company's details and the links they hold (never the secrets). */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const [user, company, links] = await Promise.all([
    User.findById(subject.personId, { passwordHash: 0, __v: 0 }).lean(),
    subject.companyId ? Company.findById(subject.companyId, { __v: 0 }).lean() : null,
    OneTimeToken.find({ userId: subject.personId }, { purpose: 1, email: 1, expiresAt: 1, createdAt: 1 }).lean(),
  ]);
  return {
    profile: user && {
      id: String(user._id), name: user.name, email: user.email, roles: user.roles, language: user.language,
      privacyNotice: user.privacyNotice ?? undefined, createdAt: user.createdAt, updatedAt: user.updatedAt,
    },
    company: company && {
      id: String(company._id), name: company.name, orgNumber: company.orgNumber, municipality: company.municipality, sector: company.sector,
      employees: company.employees, website: company.website ?? undefined, contactName: company.contactName ?? undefined,
      contactEmail: company.contactEmail ?? undefined, createdAt: company.createdAt,
    },
    links: links.map((l) => ({ purpose: l.purpose, email: l.email ?? undefined, createdAt: l.createdAt, expiresAt: l.expiresAt })),
  };
}

/**
 * Deletes the person's links and account, and their company when they were its last person: the
 * company's place in the figures is taken by a stand-in company (fixed name, no details), which
 * other components' steps have already pointed the kept records at. A company that stays loses
 * its contact details when they were this person's. The account goes last, so a second request
 * that finds no account knows the erasure is done.
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  await OneTimeToken.deleteMany({ userId: erasure.personId });
  await eraseFromMembershipChanges(erasure);
  if (erasure.companyId && erasure.eraseCompany) {
    await insertOnce(() => Company.create({
      _id: erasure.standIn.companyId, name: ERASED_COMPANY_NAME, orgNumber: `slettet-${erasure.standIn.companyId}`,
      municipality: '–', sector: 'other', employees: 0,
    }));
    await Company.deleteOne({ _id: erasure.companyId });
  } else if (erasure.companyId) {
    const company = await Company.findById(erasure.companyId, { contactEmail: 1 }).lean();
    if (company?.contactEmail === erasure.email) await Company.updateOne({ _id: erasure.companyId }, { $unset: { contactName: 1, contactEmail: 1 } });
  }
  await User.deleteOne({ _id: erasure.personId });
}
