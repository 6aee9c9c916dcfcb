import type { RequestHandler } from 'express';
import session from 'express-session';
import type { MongoClient } from 'mongodb';
import type { MessageKey } from '../i18n/index.js';
import type { SignedInAccount } from './account.js';
import { sessionSlotCollection } from './session-index.js';
import { DatabaseSessionStore, sessionCollection } from './session-store.js';

declare module 'express-session' {
  interface SessionData {
    accountId?: string;
    /** When this session signed in (ms); the account may declare sessions before a moment invalid. */
    signedInAt?: number;
    /** This session's entry in its person's list of sessions (session-index.ts). */
    sessionSlot?: string;
    flash?: Array<{ type: 'success' | 'info' | 'error'; key: MessageKey; params?: Record<string, string | number> }>;
    // Set when a page with a form is shown to a visitor, so the session (and its CSRF binding) persists.
    formShown?: boolean;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    account?: SignedInAccount;
  }
}

const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;

/** The app's session store on the database, with each person's list of sessions beside it. */
export function databaseSessionStore(client: MongoClient, dbName: string): DatabaseSessionStore {
  return new DatabaseSessionStore(sessionCollection(client, dbName), sessionSlotCollection(client, dbName), { ttlMs: TWO_WEEKS_MS });
}

/**
 * Sessions stored in the database. Expired ones are removed by the app's sweep
 * (removeExpiredSessions) rather than a TTL index, which FerretDB does not support.
 */
export function sessionMiddleware(options: { store: DatabaseSessionStore; secret: string; secure: boolean }) {
  return session({
    name: 'da.sid',
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    store: options.store,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: TWO_WEEKS_MS },
  });
}

/**
 * Saves a changed session before a redirect goes out. express-session sends the
 * headers first and the end of the response after the store write, so a browser
 * could follow the redirect before a new login or flash message was stored.
 */
export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const holdsData = req.session && Object.keys(req.session).some((key) => key !== 'cookie');
    if (!holdsData) return redirect(...args);
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  }) as typeof res.redirect;
  next();
};
