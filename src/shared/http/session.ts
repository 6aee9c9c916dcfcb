import MongoStore from 'connect-mongo';
import session from 'express-session';
import type { MongoClient } from 'mongodb';
import type { AccountView } from '../../accounts/accounts.service.js';

declare module 'express-session' {
  interface SessionData {
    accountId?: string;
    flash?: Array<{ type: 'success' | 'info' | 'error'; key: string; params?: Record<string, string | number> }>;
    // Set when a page with a form is shown to a visitor, so the session (and its CSRF binding) persists.
    formShown?: boolean;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    account?: AccountView;
  }
}

const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Sessions stored in the database. Expired ones are removed by a periodic sweep
 * rather than a TTL index, which FerretDB does not support.
 */
export function sessionMiddleware(options: { client: MongoClient; dbName: string; secret: string; secure: boolean }) {
  return session({
    name: 'da.sid',
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    store: MongoStore.create({
      client: options.client,
      dbName: options.dbName,
      collectionName: 'sessions',
      autoRemove: 'interval',
      autoRemoveInterval: 10,
      touchAfter: 60 * 60,
    }),
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: TWO_WEEKS_MS },
  });
}
