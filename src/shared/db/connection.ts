import mongoose from 'mongoose';
import { guardCommands, type CommandGuardOptions } from './command-guard.js';
import { VerifiedConnection } from './verified-connection.js';

// Query filters built from request data can never smuggle in operators such as $ne or $gt.
mongoose.set('sanitizeFilter', true);
// Indexes are created explicitly after connecting, so every model's are in place before traffic.
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', false);

// What the server said it is when the app connected; FerretDB adds its own version to buildInfo.
let connectedKind: 'ferretdb' | 'mongodb' | undefined;

/** How every client of the app talks to the database; tests build their own clients with the same. */
export const CLIENT_OPTIONS = {
  serverSelectionTimeoutMS: 5000,
  heartbeatFrequencyMS: 2000,
  monitorCommands: true,
  // FerretDB gives each client connection its own backend work: on PostgreSQL, 200 requests at once
  // over the driver's default 100 connections used up the server's 100 connections and everything
  // waited; on SQLite, more writers only queue longer for its one write lock. Requests beyond the
  // pool wait their turn in the driver instead.
  maxPoolSize: 20,
  // Not in the driver's public types: the class that makes each connection (see verified-connection.ts).
  ...({ connectionType: VerifiedConnection } as object),
} as const;

const reportIncident: NonNullable<CommandGuardOptions['onIncident']> = ({ kind, commandName, error }) => {
  console.error(`database ${kind} on ${commandName}: ${error.message}`);
};

/**
 * Connects the shared Mongoose connection to `uri`, using `dbName` when given.
 * The driver reconnects by itself when the server comes back. Every reply is
 * checked against its request, unacknowledged writes are refused, and a
 * wire-protocol error retires the pooled connections (see command-guard.ts).
 */
export async function connectDatabase(uri: string, dbName?: string, options: CommandGuardOptions = {}): Promise<typeof mongoose> {
  await mongoose.connect(uri, { dbName, ...CLIENT_OPTIONS });
  guardCommands(mongoose.connection.getClient(), { onIncident: options.onIncident ?? reportIncident });
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  connectedKind = info.ferretdbVersion ? 'ferretdb' : 'mongodb';
  await ensureIndexes();
  return mongoose;
}

/** Creates the unique and lookup indexes that every invariant of the app rests on. */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch((error: { codeName?: string }) => {
      if (error.codeName !== 'NamespaceExists') throw error;
    });
    await model.createIndexes();
  }
}

export async function disconnectDatabase(): Promise<void> {
  connectedKind = undefined;
  await mongoose.disconnect();
}

/** 'ferretdb' or 'mongodb', as the server described itself at connect; undefined while not connected. */
export function serverKind(): 'ferretdb' | 'mongodb' | undefined {
  return connectedKind;
}

/** True when the database answers a ping right now. */
export async function databaseIsUp(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const ping = db.admin().command({ ping: 1 }).then(() => true, () => false);
  return Promise.race([ping, timeout]);
}
