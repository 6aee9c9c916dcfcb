import crypto from 'node:crypto';
import { trusted, type Types } from 'mongoose';
import { OneTimeToken, SpentToken } from './token.model.js';
import { insertOnce } from '../shared/db/claims.js';

export type LinkPurpose = 'reset' | 'invite' | 'email';

/** What a link is for: its user and purpose, and for an email change the new address. */
export interface LinkTarget { userId: Types.ObjectId; purpose: LinkPurpose; email?: string }

const hash = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

/** Creates a one-time link secret for a user; only its hash is stored. */
export async function issueLink(userId: Types.ObjectId | string, purpose: LinkPurpose, validMinutes: number, now: Date, email?: string): Promise<string> {
  const secret = crypto.randomBytes(32).toString('base64url');
  await OneTimeToken.create({
    _id: hash(secret), userId, purpose, email, expiresAt: new Date(now.getTime() + validMinutes * 60_000),
  });
  return secret;
}

/** The user a still-valid, unspent link belongs to, or undefined. Does not spend it. */
export async function peekLink(secret: string, now: Date): Promise<LinkTarget | undefined> {
  if (typeof secret !== 'string' || secret.length > 100) return undefined;
  const id = hash(secret);
  const token = await OneTimeToken.findById(id).lean();
  if (!token || token.expiresAt <= now) return undefined;
  if (await SpentToken.exists({ _id: id })) return undefined;
  return { userId: token.userId, purpose: token.purpose as LinkPurpose, email: token.email ?? undefined };
}

/**
 * Spends a link: of any number of concurrent attempts exactly one gets the
 * user id back, because spending is an insert under a unique _id.
 */
export async function spendLink(secret: string, now: Date): Promise<LinkTarget | undefined> {
  const valid = await peekLink(secret, now);
  if (!valid) return undefined;
  return (await insertOnce(() => SpentToken.create({ _id: hash(secret) }))) ? valid : undefined;
}

/** Removes expired links; run periodically by the app since FerretDB has no TTL indexes. */
export async function removeExpiredLinks(now: Date): Promise<number> {
  const expired = await OneTimeToken.find({ expiresAt: trusted({ $lte: now }) }, { _id: 1 }).lean();
  const ids = expired.map((t) => t._id);
  if (ids.length === 0) return 0;
  await SpentToken.deleteMany({ _id: trusted({ $in: ids }) });
  const { deletedCount } = await OneTimeToken.deleteMany({ _id: trusted({ $in: ids }) });
  return deletedCount;
}
