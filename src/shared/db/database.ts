import path from 'node:path';
import type { Config } from '../config.js';
import { connectDatabase, disconnectDatabase } from './connection.js';
import { ensureFerretDB } from './ferretdb-binary.js';
import { canConnect, startFerretDB, type RunningFerretDB } from './ferretdb.js';

export interface OpenDatabase {
  uri: string;
  dbName: string;
  description: string;
  close(): Promise<void>;
}

const DEFAULT_DB_NAME = 'digital_afternoons';

/**
 * Connects to MONGODB_URI, or starts the embedded FerretDB (SQLite files under
 * DATA_DIR/db) when none is configured. close() disconnects and stops what it started.
 */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<OpenDatabase> {
  let embedded: RunningFerretDB | undefined;
  let uri = config.MONGODB_URI;
  if (!uri && (await canConnect(config.FERRETDB_PORT))) {
    // The app (or another script) already runs the embedded database: share it rather than start a second.
    uri = `mongodb://127.0.0.1:${config.FERRETDB_PORT}/`;
  } else if (!uri) {
    const binary = await ensureFerretDB(config.FERRETDB_BIN, log);
    embedded = await startFerretDB({ binary, dataDir: path.join(config.DATA_DIR, 'db'), port: config.FERRETDB_PORT });
    uri = embedded.uri;
  }
  // A database named in the URI wins; otherwise the app's own name.
  const named = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1);
  const dbName = named || DEFAULT_DB_NAME;
  try {
    await connectDatabase(uri, dbName);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    uri,
    dbName,
    description: embedded
      ? `embedded FerretDB on 127.0.0.1:${embedded.port} (${path.join(config.DATA_DIR, 'db')})`
      : (config.MONGODB_URI ? 'MONGODB_URI' : `FerretDB already running on 127.0.0.1:${config.FERRETDB_PORT}`),
    async close() {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}
