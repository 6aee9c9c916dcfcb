import session from 'express-session';
import type { Collection, MongoClient } from 'mongodb';
import { SessionIndex, type SessionLookup, type SessionSlot } from './session-index.js';

/** A stored session, in the shape connect-mongo used, so sessions survive the switch. */
interface SessionDocument {
  _id: string;
  session: string;
  expires: Date;
  lastModified: Date;
}

type Callback<T = void> = (error?: unknown, value?: T) => void;
type StoredSession = session.SessionData & { lastModified?: Date };

/** What a stored session says about who signed in and where its index entry is. */
function contentOf(document: SessionDocument): { accountId?: string; signedInAt?: number; sessionSlot?: string } {
  try {
    return JSON.parse(document.session) as StoredSession;
  } catch {
    return {};
  }
}

export const SESSION_COLLECTION = 'sessions';
const HOUR_MS = 60 * 60 * 1000;

/** The collection sessions live in. */
export function sessionCollection(client: MongoClient, dbName: string): Collection<SessionDocument> {
  return client.db(dbName).collection<SessionDocument>(SESSION_COLLECTION);
}

/**
 * Deletes sessions that have expired, with an acknowledged write. The app runs
 * this on a timer: FerretDB has no TTL index, and the session store we used
 * before swept with an unacknowledged write, which FerretDB answers anyway and
 * so hands later replies to the wrong requests.
 */
export async function removeExpiredSessions(collection: Collection<SessionDocument>, now: Date, index?: SessionIndex): Promise<number> {
  // The sweep reads the expired sessions first, so their people's session lists lose them too.
  const expired = index ? await collection.find({ expires: { $lt: now } }, { projection: { session: 1 } }).toArray() : [];
  const { deletedCount } = await collection.deleteMany({ expires: { $lt: now } });
  for (const document of expired) await index!.removeSlot(contentOf(document).sessionSlot ?? '', document._id);
  return deletedCount;
}

/**
 * Deletes every session signed in as this account (on every device), with acknowledged writes.
 * A session names its account inside its JSON, so this reads the whole collection: acceptable for
 * an account's erasure, which is rare; signing in and reading pages stay lookups by `_id`.
 */
export async function removeSessionsOf(collection: Collection<SessionDocument>, accountId: string): Promise<number> {
  const sessions = await collection.find({}, { projection: { session: 1 } }).toArray();
  const theirs = sessions.filter((s) => (JSON.parse(s.session) as { accountId?: string }).accountId === accountId);
  for (const s of theirs) await collection.deleteOne({ _id: s._id });
  return theirs.length;
}

/**
 * express-session's store on the database. Every read is a lookup by `_id`, the
 * one filter FerretDB's SQLite backend answers without reading the whole
 * collection; expiry is checked here rather than in the query for that reason.
 * Every write is acknowledged. An unchanged session is touched at most once an
 * hour, so reading pages costs no writes.
 */
export class DatabaseSessionStore extends session.Store implements SessionLookup {
  /** Each person's signed-in sessions, read by `_id` (see session-index.ts). */
  readonly index: SessionIndex;

  constructor(
    readonly collection: Collection<SessionDocument>,
    slots: Collection<SessionSlot>,
    private readonly options: { ttlMs: number; touchAfterMs?: number; now?: () => Date },
  ) {
    super();
    this.index = new SessionIndex(slots, this);
  }

  /** Who a live session belongs to and when it was last written; undefined when it is gone or expired. */
  async describe(sid: string) {
    const document = await this.collection.findOne({ _id: sid });
    if (!document || document.expires <= this.now()) return undefined;
    const { accountId, signedInAt } = contentOf(document);
    return { accountId, signedInAt, lastModified: document.lastModified };
  }

  /** Ends a session: its next request finds no session, so it is signed out. */
  async destroySession(sid: string): Promise<void> {
    const document = await this.collection.findOne({ _id: sid });
    await this.collection.deleteOne({ _id: sid });
    if (document) await this.index.removeSlot(contentOf(document).sessionSlot ?? '', sid);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private expiresOf(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(this.now().getTime() + this.options.ttlMs);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.collection.findOne({ _id: sid }).then((document) => {
      if (!document || document.expires <= this.now()) return callback(undefined, null);
      const data = JSON.parse(document.session) as StoredSession;
      // Carried on the session so touch() can tell whether a write is due; set() drops it again.
      data.lastModified = document.lastModified;
      callback(undefined, data);
    }, callback);
  }

  override set(sid: string, data: session.SessionData, callback: Callback = () => undefined): void {
    const { lastModified: _ignored, ...content } = data as StoredSession;
    const document = { session: JSON.stringify(content), expires: this.expiresOf(data), lastModified: this.now() };
    this.collection.updateOne({ _id: sid }, { $set: document }, { upsert: true }).then(() => callback(), callback);
  }

  override touch(sid: string, data: session.SessionData, callback: Callback = () => undefined): void {
    const lastModified = (data as StoredSession).lastModified;
    const touchAfterMs = this.options.touchAfterMs ?? HOUR_MS;
    if (lastModified && this.now().getTime() - new Date(lastModified).getTime() < touchAfterMs) return callback();
    const update = { $set: { expires: this.expiresOf(data), lastModified: this.now() } };
    this.collection.updateOne({ _id: sid }, update).then(() => callback(), callback);
  }

  override destroy(sid: string, callback: Callback = () => undefined): void {
    this.destroySession(sid).then(() => callback(), callback);
  }
}
