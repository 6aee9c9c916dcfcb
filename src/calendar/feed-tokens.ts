import crypto from 'node:crypto';
import { retryWhileTaken } from '../shared/db/claims.js';
import { gardensWhereStaff } from '../workshops/queries.js';
import { FeedSlot, FeedToken, type FeedScope, type FeedTokenDoc } from './feed-token.model.js';
import type { Id } from '../shared/db/ids.js';


// A try loses only when another reset of the same feed stored in between; a person clicks a few times at most,
// so five losses in a row mean a flood, which is told to try again (409).
const ROTATE_ATTEMPTS = 5;

export const sha256 = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');
const slotOf = (accountId: Id, scope: FeedScope, gardenId?: Id) => (scope === 'person' ? `${String(accountId)}:person` : `${String(accountId)}:garden:${String(gardenId)}`);

/** The path a feed is served at; the secret is the only thing that identifies it. */
export function feedPath(scope: FeedScope, secret: string): string {
  return scope === 'person' ? `/feeds/${secret}.ics` : `/feeds/garden/${secret}.ics`;
}

/** Empties a slot: its address stops working when the slot goes, and the token is deleted after. */
async function revoke(slot: string): Promise<void> {
  const current = await FeedSlot.findById(slot, { hash: 1 }).lean();
  if (!current) return;
  // Only the token read here: a reset that replaced it meanwhile keeps its own.
  await FeedSlot.deleteOne({ _id: slot, hash: current.hash });
  await FeedToken.deleteOne({ _id: current.hash });
}

/**
 * Creates the account's feed token, or replaces it (the old address stops
 * working), and returns the feed's URL path. Only the hash is stored, so this
 * is the one moment the address is known. Exported for the seed and the bench.
 */
export async function rotateFeedToken(accountId: Id, scope: FeedScope = 'person', gardenId?: Id): Promise<string> {
  const slot = slotOf(accountId, scope, gardenId);
  // One token per slot (its unique _id): the new token is stored first, unreachable until the slot names it;
  // a concurrent reset that filled the slot first is replaced on the next try.
  return retryWhileTaken(async () => {
    const secret = crypto.randomBytes(32).toString('base64url');
    const hash = sha256(secret);
    await FeedToken.create({ _id: hash, slot, scope, accountId, gardenId: scope === 'garden' ? gardenId : undefined });
    await revoke(slot);
    try {
      await FeedSlot.create({ _id: slot, hash });
    } catch (error) {
      await FeedToken.deleteOne({ _id: hash });
      throw error;
    }
    return feedPath(scope, secret);
  }, ROTATE_ATTEMPTS);
}

/** The token behind a feed address, or undefined for an unknown or revoked secret: two point lookups. */
export async function findFeedToken(secret: string, scope: FeedScope): Promise<FeedTokenDoc | undefined> {
  if (!/^[\w-]{20,100}$/.test(secret)) return undefined;
  const hash = sha256(secret);
  const token = await FeedToken.findById(hash).lean<FeedTokenDoc>();
  if (!token || token.scope !== scope) return undefined;
  // A token its slot no longer names was reset, even if a reset stopped before deleting it.
  const slot = await FeedSlot.findById(token.slot, { hash: 1 }).lean();
  return slot?.hash === hash ? token : undefined;
}

/**
 * Which of the account's feed links exist (without secrets), to say so on the dashboard: its own
 * feed, and its feeds of these gardens. One point lookup each.
 */
export async function feedTokensOf(accountId: Id, gardenIds: Id[] = []): Promise<Array<{ scope: FeedScope; gardenId?: string; createdAt: Date }>> {
  const wanted: Array<{ scope: FeedScope; gardenId?: string }> = [{ scope: 'person' }, ...gardenIds.map((id) => ({ scope: 'garden' as const, gardenId: String(id) }))];
  const slots = await Promise.all(wanted.map((w) => FeedSlot.findById(slotOf(accountId, w.scope, w.gardenId), { createdAt: 1 }).lean()));
  return wanted.flatMap((w, i) => (slots[i] ? [{ ...w, createdAt: slots[i].createdAt as Date }] : []));
}

/** Gardens whose feed a person may follow: those they coordinate and those where they teach a cohort. */
export async function feedGardensOf(accountId: Id): Promise<Array<{ id: string; name: string }>> {
  return gardensWhereStaff(accountId);
}
