// Companies and people created from a list (the CSV import), found first so that a line run again changes nothing.
import { isDuplicateKey } from '../shared/errors.js';
import { Company } from './company.model.js';
import { User } from './user.model.js';

/** A person as a bulk import sees them: whether they chose a password decides whether they are invited. */
export interface ListedPerson {
  id: string;
  email: string;
  name: string;
  companyId?: string;
  hasPassword: boolean;
  language: 'nb' | 'en';
}

const toListedPerson = (u: { _id: unknown; email: string; name: string; companyId?: unknown; passwordHash?: string | null; language?: string | null }): ListedPerson => ({
  id: String(u._id), email: u.email, name: u.name, companyId: u.companyId ? String(u.companyId) : undefined,
  hasPassword: Boolean(u.passwordHash), language: u.language === 'en' ? 'en' : 'nb',
});

/**
 * The company with this organisation number (already normalised), created when there is none. Sector and
 * size are not known; the company's people can correct them later. The unique index settles two at once.
 */
export async function findOrCreateCompany(input: { name: string; orgNumber: string; municipality: string; contactName?: string; contactEmail?: string }): Promise<{ id: string; name: string; created: boolean }> {
  const existing = await Company.findOne({ orgNumber: input.orgNumber }, { name: 1 }).lean();
  if (existing) return { id: String(existing._id), name: existing.name, created: false };
  try {
    const created = await Company.create({ ...input, sector: 'other', employees: 0 });
    return { id: String(created._id), name: created.name, created: true };
  } catch (error) {
    const winner = isDuplicateKey(error) ? await Company.findOne({ orgNumber: input.orgNumber }, { name: 1 }).lean() : null;
    if (!winner) throw error;
    return { id: String(winner._id), name: winner.name, created: false };
  }
}

/**
 * The person with this email, created as a participant without a password when new, and joined to the
 * company when they belong to none. Undefined when they vanished meanwhile. A person of another company
 * is returned as they are: the caller decides.
 */
export async function findOrCreateParticipant(input: { email: string; name: string; companyId: string }): Promise<{ person?: ListedPerson; created: boolean }> {
  let person = await User.findOne({ email: input.email }).lean();
  let created = false;
  if (!person) {
    try {
      person = (await User.create({ email: input.email, name: input.name, roles: ['participant'], companyId: input.companyId })).toObject();
      created = true;
    } catch (error) {
      person = isDuplicateKey(error) ? await User.findOne({ email: input.email }).lean() : null;
      if (!person) throw error;
    }
  }
  if (!person.companyId) {
    await User.updateOne({ _id: person._id, companyId: null }, { $set: { companyId: input.companyId } });
    person = await User.findById(person._id).lean();
  }
  return { person: person ? toListedPerson(person) : undefined, created };
}
