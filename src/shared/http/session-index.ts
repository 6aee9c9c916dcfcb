import crypto from 'node:crypto';
import type { Collection, MongoClient } from 'mongodb';
import { claimFirstFree } from '../db/claims.js';

/**
 * One signed-in session in a person's index: `_id` is `accountId:slot`, so a person's sessions are
 * found by a few lookups by `_id` (FerretDB reads the whole collection for any other filter), and
 * two sign-ins at once each claim a slot of their own with an insert. `handle` names the entry in
 * forms: a session id is a bearer secret and never leaves the server.
 */
export interface SessionSlot {
  _id: string;
  sid: string;
  handle: string;
  signedInAt: Date;
  userAgent: string;
}

/** A signed-in session as its person's page lists it. */
export interface ListedSession {
  sid: string;
  handle: string;
  signedInAt: Date;
  lastSeen: Date;
  userAgent: string;
}

export const SESSION_SLOT_COLLECTION = 'sessionSlots';
/** Sessions a person can have listed at once; signing in on one more ends the one least recently used. */
export const MAX_LISTED_SESSIONS = 12;

const slotKey = (accountId: string, slot: number) => `${accountId}:${slot}`;
const slotNumbers = () => Array.from({ length: MAX_LISTED_SESSIONS }, (_, i) => i);

/** The collection the per-person session index lives in. */
export function sessionSlotCollection(client: MongoClient, dbName: string): Collection<SessionSlot> {
  return client.db(dbName).collection<SessionSlot>(SESSION_SLOT_COLLECTION);
}

/** What the index needs of the session store: a session's account, sign-in and last write, by its id. */
export interface SessionLookup {
  describe(sid: string): Promise<{ accountId?: string; signedInAt?: number; lastModified: Date } | undefined>;
  destroySession(sid: string): Promise<void>;
}

/**
 * The sessions each person is signed in with, kept beside the session store: written at sign-in,
 * removed with the session (logout, ending it from the profile, the expiry sweep), and checked
 * against the session itself on every read, so an entry whose session is gone is dropped there.
 */
export class SessionIndex {
  constructor(readonly slots: Collection<SessionSlot>, private readonly sessions: SessionLookup) {}

  /** Records a session that just signed in; returns its entry's `_id`, which the session keeps. */
  async add(accountId: string, sid: string, details: { signedInAt: Date; userAgent: string }): Promise<string> {
    const entry = (slot: number) => ({ _id: slotKey(accountId, slot), sid, handle: crypto.randomBytes(12).toString('hex'), ...details });
    const claim = (slot: number) => this.slots.insertOne(entry(slot));
    let slot = await claimFirstFree(slotNumbers(), claim);
    if (slot === undefined) {
      // Every slot is held: entries of ended sessions go first, then the session least recently used.
      const listed = await this.list(accountId);
      if (listed.length >= MAX_LISTED_SESSIONS) {
        const oldest = listed.reduce((a, b) => (a.lastSeen <= b.lastSeen ? a : b));
        await this.sessions.destroySession(oldest.sid);
        await this.removeEntry(accountId, oldest.sid);
      }
      slot = await claimFirstFree(slotNumbers(), claim);
    }
    // Still none: as many sign-ins as slots raced this one. The session works, unlisted, until it ends.
    return slot === undefined ? '' : slotKey(accountId, slot);
  }

  /**
   * The person's live sessions, oldest sign-in first. `validFrom` is when the account last ended
   * every session (log out everywhere, a new password): sessions from before it are gone too.
   */
  async list(accountId: string, validFrom?: Date): Promise<ListedSession[]> {
    const entries = await Promise.all(slotNumbers().map((slot) => this.slots.findOne({ _id: slotKey(accountId, slot) })));
    const listed: ListedSession[] = [];
    for (const entry of entries) {
      if (!entry) continue;
      const session = await this.sessions.describe(entry.sid);
      const valid = session?.accountId === accountId && (!validFrom || (session.signedInAt ?? 0) >= validFrom.getTime());
      if (!valid) {
        // Signed in before the account ended every session: it can never be used again.
        if (session) await this.sessions.destroySession(entry.sid);
        await this.removeSlot(entry._id, entry.sid);
        continue;
      }
      listed.push({ sid: entry.sid, handle: entry.handle, signedInAt: entry.signedInAt, lastSeen: session.lastModified, userAgent: entry.userAgent });
    }
    return listed.sort((a, b) => a.signedInAt.getTime() - b.signedInAt.getTime());
  }

  /**
   * Removes a session's entry (its `_id` as `add` returned it) when the session ends. The entry is
   * read first and deleted by `_id` alone, the filter FerretDB answers without a scan; the check
   * keeps a late clean-up of an old session from removing a newer session that took its slot.
   */
  async removeSlot(slotId: string, sid: string): Promise<void> {
    if (!slotId) return;
    const entry = await this.slots.findOne({ _id: slotId });
    if (entry?.sid === sid) await this.slots.deleteOne({ _id: slotId });
  }

  /** Removes every entry of the person (their sessions are ended by the caller): an erased account leaves none. */
  async forget(accountId: string): Promise<void> {
    await Promise.all(slotNumbers().map((slot) => this.slots.deleteOne({ _id: slotKey(accountId, slot) })));
  }

  private async removeEntry(accountId: string, sid: string): Promise<void> {
    await Promise.all(slotNumbers().map((slot) => this.removeSlot(slotKey(accountId, slot), sid)));
  }
}
