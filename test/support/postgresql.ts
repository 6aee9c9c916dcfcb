import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { FerretDBOptions } from '../../src/shared/db/ferretdb.js';

const run = promisify(execFile);

/** The PostgreSQL server the PostgreSQL runs use; its path is replaced by the run's own database. */
const SERVER_URL = process.env.TEST_POSTGRESQL_URL ?? 'postgres://postgres@127.0.0.1:5432/';

/** True when this run's FerretDB stores its data in PostgreSQL (TEST_DB_BACKEND=postgresql). */
export const onPostgresql = process.env.TEST_DB_BACKEND === 'postgresql';

// createdb and dropdb take the server as flags; their own defaults (a Unix socket, the OS user) may differ from CI's.
function clientArgs(url: URL): string[] {
  return ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), '--no-password'];
}

/** Creates an empty database with a name of its own and returns its URL and how to drop it. */
export async function createPostgresqlDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(SERVER_URL);
  const name = `da_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await run('createdb', [...clientArgs(url), name]).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`cannot create the test database on ${SERVER_URL}: ${(error.stderr || error.message).trim()}`);
  });
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // --force ends connections a killed FerretDB may have left behind.
    drop: async () => { await run('dropdb', [...clientArgs(url), '--if-exists', '--force', name]); },
  };
}

/**
 * The handler a FerretDB started by a test should use: the run's PostgreSQL database on
 * PostgreSQL runs (each FerretDB database is a schema there, so processes do not collide), SQLite otherwise.
 */
export function testFerretDBBackend(): Pick<FerretDBOptions, 'handler' | 'postgresqlUrl'> {
  const postgresqlUrl = process.env.TEST_FERRETDB_POSTGRESQL_URL;
  return postgresqlUrl ? { handler: 'postgresql', postgresqlUrl } : { handler: 'sqlite' };
}
