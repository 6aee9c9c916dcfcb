import crypto from 'node:crypto';
import { retryWhileTaken } from '../shared/db/claims.js';
import { gardensWhereStaff } from '../workshops/queries.js';
import { FeedToken, type FeedScope, type FeedTokenDoc } from './feed-token.model.js';
import type { Id } from '../shared/db/ids.js';


// A try loses only when another reset of the same feed stored in between; a person clicks a few times at most,
// so five losses in a row mean a flood, which is told to try again (409).
const ROTATE_ATTEMPTS = 5;

const sha256 = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');
const slotOf = (accountId: Id, scope: FeedScope, gardenId?: Id) => (scope === 'person' ? `${String(accountId)}:person` : `${String(accountId)}:garden:${String(gardenId)}`);

/** The path a feed is served at; the secret is the only thing that identifies it. */
export function feedPath(scope: FeedScope, secret: string): string {
  return scope === 'person' ? `/feeds/${secret}.ics` : `/feeds/garden/${secret}.ics`;
}

/**
 * Creates the account's feed token, or replaces it (the old address stops
 * working), and returns the feed's URL path. Only the hash is stored, so this
 * is the one moment the address is known. Exported for the seed and the bench.
 */
export async function rotateFeedToken(accountId: Id, scope: FeedScope = 'person', gardenId?: Id): Promise<string> {
  const slot = slotOf(accountId, scope, gardenId);
  const secret = crypto.randomBytes(32).toString('base64url');
  // One token per slot (unique index): delete, then insert; a concurrent reset that inserted first is replaced.
  return retryWhileTaken(async () => {
    await FeedToken.deleteOne({ slot });
    await FeedToken.create({ hash: sha256(secret), slot, scope, accountId, gardenId: scope === 'garden' ? gardenId : undefined });
    return feedPath(scope, secret);
  }, ROTATE_ATTEMPTS);
}

/** The token behind a feed address, or undefined for an unknown or revoked secret. */
export async function findFeedToken(secret: string, scope: FeedScope): Promise<FeedTokenDoc | undefined> {
  if (!/^[\w-]{20,100}$/.test(secret)) return undefined;
  const token = await FeedToken.findOne({ hash: sha256(secret) }).lean();
  return token && token.scope === scope ? token : undefined;
}

/** The account's feed tokens (without secrets), to say on the dashboard which links exist. */
export async function feedTokensOf(accountId: Id): Promise<Array<{ scope: FeedScope; gardenId?: string; createdAt: Date }>> {
  const tokens = await FeedToken.find({ accountId }, { scope: 1, gardenId: 1, createdAt: 1 }).lean();
  return tokens.map((t) => ({ scope: t.scope, gardenId: t.gardenId ? String(t.gardenId) : undefined, createdAt: t.createdAt }));
}

/** Gardens whose feed a person may follow: those they coordinate and those where they teach a cohort. */
export async function feedGardensOf(accountId: Id): Promise<Array<{ id: string; name: string }>> {
  return gardensWhereStaff(accountId);
}
