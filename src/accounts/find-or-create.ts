// Companies and people created from a list (the CSV import), found first so that a line run again changes nothing.
import { insertOrReadWinner } from '../shared/db/claims.js';
import { Company } from './company.model.js';
import { User } from './user.model.js';

// A lost insert finds the winner unless it was deleted in between; then the insert tries again, twice more at most.
const CREATE_ATTEMPTS = 3;

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
  const { value: company, created } = await insertOrReadWinner(
    async () => (await Company.create({ ...input, sector: 'other', employees: 0 })).toObject(),
    () => Company.findOne({ orgNumber: input.orgNumber }, { name: 1 }).lean(), CREATE_ATTEMPTS,
  );
  return { id: String(company._id), name: company.name, created };
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
    ({ value: person, created } = await insertOrReadWinner(
      async () => (await User.create({ email: input.email, name: input.name, roles: ['participant'], companyId: input.companyId })).toObject(),
      () => User.findOne({ email: input.email }).lean(), CREATE_ATTEMPTS,
    ));
  }
  if (!person.companyId) {
    await User.updateOne({ _id: person._id, companyId: null }, { $set: { companyId: input.companyId } });
    person = await User.findById(person._id).lean();
  }
  return { person: person ? toListedPerson(person) : undefined, created };
}
