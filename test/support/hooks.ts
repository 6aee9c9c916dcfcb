import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureFerretDB } from '../../src/shared/db/ferretdb-binary.js';
import { startFerretDB, type RunningFerretDB } from '../../src/shared/db/ferretdb.js';

let server: RunningFerretDB | undefined;
let dataDir: string | undefined;

/** One FerretDB for the whole run, on a free port in a temporary folder; each test file uses its own database. */
export async function mochaGlobalSetup(this: Mocha.Context): Promise<void> {
  const binary = await ensureFerretDB(process.env.FERRETDB_BIN, (line) => console.log(line));
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-test-db-'));
  server = await startFerretDB({ binary, dataDir });
  process.env.TEST_FERRETDB_BIN = binary;
  process.env.TEST_MONGODB_URI = server.uri;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}
