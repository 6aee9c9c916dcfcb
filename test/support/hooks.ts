import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { supervisorLog } from '../../src/shared/db/database.js';
import { ensureFerretDB } from '../../src/shared/db/ferretdb-binary.js';
import { superviseFerretDB, type SupervisedFerretDB } from '../../src/shared/db/ferretdb-supervisor.js';
import { dropTestDatabases } from './test-databases.js';
import { createPostgresqlDatabase, onPostgresql, testFerretDBBackend } from './postgresql.js';

let server: SupervisedFerretDB | undefined;
let dataDir: string | undefined;
let postgresql: Awaited<ReturnType<typeof createPostgresqlDatabase>> | undefined;

/** Prints a FerretDB event so it stands out in the reporter's output: a death mid-run must not pass unnoticed. */
function shout(line: string): void {
  const bar = '!'.repeat(72);
  console.error(`\n${bar}\nTest FerretDB: ${line}\n${bar}\n`);
}

/**
 * One FerretDB for the whole run, on a free port in a temporary folder; each test file uses its own database.
 * It is supervised: if it dies, its exit and last output are printed and it is started again, so one crash
 * shows as the tests it broke rather than as ECONNREFUSED in every later one.
 * With TEST_DB_BACKEND=postgresql it stores its data in a PostgreSQL database created for this run and dropped after it.
 */
export async function mochaGlobalSetup(this: Mocha.Context): Promise<void> {
  const binary = await ensureFerretDB(process.env.FERRETDB_BIN, (line) => console.log(line));
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-test-db-'));
  postgresql = onPostgresql ? await createPostgresqlDatabase() : undefined;
  if (postgresql) process.env.TEST_FERRETDB_POSTGRESQL_URL = postgresql.url;
  server = await superviseFerretDB({ binary, dataDir, ...testFerretDBBackend() }, supervisorLog(shout));
  process.env.TEST_FERRETDB_BIN = binary;
  process.env.TEST_MONGODB_URI = server.uri;
}

export async function mochaGlobalTeardown(): Promise<void> {
  const restarts = server?.status().restarts ?? 0;
  // A parallel run's workers leave their databases (see root-hooks.ts).
  if (server) await dropTestDatabases(server.uri);
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  await postgresql?.drop();
  if (restarts > 0) shout(`restarted ${restarts} time(s) during this run; see the output above`);
}
