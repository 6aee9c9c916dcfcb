import path from 'node:path';
import type { Config } from '../config.js';
import { connectDatabase, disconnectDatabase } from './connection.js';
import { reportEmbeddedDatabase } from './embedded-status.js';
import { ensureFerretDB } from './ferretdb-binary.js';
import { canConnect, describeExit, type FerretDBExit } from './ferretdb.js';
import { superviseFerretDB, type SupervisedFerretDB, type SupervisorEvents } from './ferretdb-supervisor.js';
import { assertPostgresqlReady, redactUrl } from './postgresql.js';

export interface OpenDatabase {
  uri: string;
  dbName: string;
  description: string;
  /** The embedded FerretDB this process started and supervises, if any. */
  embedded?: SupervisedFerretDB;
  close(): Promise<void>;
}

const DEFAULT_DB_NAME = 'digital_afternoons';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Supervisor events as log lines: an unexpected exit always shows how it ended and FerretDB's last output. */
export function supervisorLog(log: (line: string) => void): SupervisorEvents {
  return {
    onExit: (exit: FerretDBExit, restartInMs) => log(
      `FerretDB ended unexpectedly (${describeExit(exit)}) after ${seconds(exit.uptimeMs)}; restarting in ${seconds(restartInMs)}. Its last output:\n${exit.output.trimEnd() || '(none)'}`,
    ),
    onStartFailed: (error, retryInMs) => log(`FerretDB did not start again: ${error.message}\nNext try in ${seconds(retryInMs)}`),
    onRestarted: ({ restarts, downMs, pid }) => log(`FerretDB is back (restart ${restarts}, pid ${pid}) after ${seconds(downMs)} down`),
  };
}

/** Starts the embedded FerretDB on SQLite files under DATA_DIR/db, or on FERRETDB_POSTGRESQL_URL when set. */
async function startEmbedded(config: Config, log: (line: string) => void): Promise<SupervisedFerretDB> {
  const binary = await ensureFerretDB(config.FERRETDB_BIN, log);
  // With PostgreSQL the folder holds only FerretDB's state file.
  const dataDir = path.join(config.DATA_DIR, 'db');
  const postgresqlUrl = config.FERRETDB_POSTGRESQL_URL;
  const backend = postgresqlUrl ? { handler: 'postgresql', postgresqlUrl } as const : { handler: 'sqlite' } as const;
  const embedded = await superviseFerretDB({ binary, dataDir, port: config.FERRETDB_PORT, ...backend }, supervisorLog(log));
  if (postgresqlUrl) await assertPostgresqlReady(embedded.uri, postgresqlUrl).catch(async (error: unknown) => {
    await embedded.stop();
    throw error;
  });
  return embedded;
}

/**
 * Connects to MONGODB_URI, or starts the embedded FerretDB (SQLite, or PostgreSQL
 * when FERRETDB_POSTGRESQL_URL is set) when none is configured, and restarts it if
 * it ends unexpectedly. close() disconnects and stops what it started.
 */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<OpenDatabase> {
  let embedded: SupervisedFerretDB | undefined;
  let uri = config.MONGODB_URI;
  if (!uri && (await canConnect(config.FERRETDB_PORT))) {
    // The app (or another script) already runs the embedded database: share it rather than start a second.
    uri = `mongodb://127.0.0.1:${config.FERRETDB_PORT}/`;
  } else if (!uri) {
    embedded = await startEmbedded(config, log);
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
  if (embedded) reportEmbeddedDatabase(embedded);
  return {
    uri,
    dbName,
    embedded,
    description: embedded
      ? `embedded FerretDB on 127.0.0.1:${embedded.port} (${config.FERRETDB_POSTGRESQL_URL ? redactUrl(config.FERRETDB_POSTGRESQL_URL) : path.join(config.DATA_DIR, 'db')})`
      : (config.MONGODB_URI ? 'MONGODB_URI' : `FerretDB already running on 127.0.0.1:${config.FERRETDB_PORT}`),
    async close() {
      if (embedded) reportEmbeddedDatabase(undefined);
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}
