import mongoose from 'mongoose';

// Query filters built from request data can never smuggle in operators such as $ne or $gt.
mongoose.set('sanitizeFilter', true);
// Indexes are created explicitly after connecting, so every model's are in place before traffic.
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', false);

/**
 * Connects the shared Mongoose connection to `uri`, using `dbName` when given.
 * The driver reconnects by itself when the server comes back.
 */
export async function connectDatabase(uri: string, dbName?: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 5000,
    heartbeatFrequencyMS: 2000,
  });
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
  await mongoose.disconnect();
}

/** True when the database answers a ping right now. */
export async function databaseIsUp(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const ping = db.admin().command({ ping: 1 }).then(() => true, () => false);
  return Promise.race([ping, timeout]);
}
