import { trusted } from 'mongoose';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { hashPassword, passwordWeakness } from './password.js';
import { toAccountView, type AccountView } from './accounts.service.js';
import { User, type Role } from './user.model.js';
import { idOrNotFound } from '../shared/db/ids.js';

const PAGE_SIZE = 50;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lists accounts for the admin page, optionally filtered by a piece of name or email. */
export async function listAccounts(search: string, page: number): Promise<{ accounts: AccountView[]; hasMore: boolean }> {
  const text = search.trim().slice(0, 100);
  const filter = text ? { $or: [{ name: trusted({ $regex: escapeRegex(text), $options: 'i' }) }, { email: trusted({ $regex: escapeRegex(text), $options: 'i' }) }] } : {};
  const users = await User.find(filter).sort({ name: 1 }).skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1).lean();
  return { accounts: users.slice(0, PAGE_SIZE).map(toAccountView), hasMore: users.length > PAGE_SIZE };
}

/** Replaces an account's roles; an admin cannot take the admin role from themselves. */
export async function assignRoles(actor: AccountView, accountId: string, roles: Role[]): Promise<AccountView> {
  if (actor.id === accountId && !roles.includes('admin')) throw new ConflictError('admin.cannotDemoteSelf');
  const user = await User.findByIdAndUpdate(idOrNotFound(accountId), { roles }, { returnDocument: 'after' }).lean();
  if (!user) throw new NotFoundError();
  return toAccountView(user);
}

/** Creates an admin account, or gives an existing account the admin role and the new password. */
export async function createAdmin(input: { email: string; name: string; password: string }): Promise<'created' | 'promoted'> {
  const weakness = passwordWeakness(input.password, input.email);
  if (weakness) throw new ValidationError({ password: weakness });
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await User.findOne({ email }).lean();
  if (existing) {
    await User.updateOne({ _id: existing._id }, { passwordHash, roles: [...new Set([...existing.roles, 'admin'])] });
    return 'promoted';
  }
  await User.create({ email, name: input.name, passwordHash, roles: ['admin'] });
  return 'created';
}
