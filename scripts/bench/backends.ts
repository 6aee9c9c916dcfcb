import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFerretDB } from '../../src/shared/db/ferretdb.js';

const run = promisify(execFile);

export type Backend = 'sqlite' | 'postgresql';
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgresql'];

/** A fresh, empty FerretDB for one benchmark column; stop() removes every trace of it. */
export interface BenchDatabase {
  backend: Backend;
  host: string;
  port: number;
  uri: string;
  stop(): Promise<void>;
}

/** The backends named in a comma-separated list; an unknown name stops the run. */
export function backendsFrom(list: string): Backend[] {
  return list.split(',').map((name) => name.trim()).filter(Boolean).map((name) => {
    if (!BACKENDS.includes(name as Backend)) throw new Error(`BENCH_BACKENDS: unknown backend "${name}" (known: ${BACKENDS.join(', ')})`);
    return name as Backend;
  });
}

/**
 * Starts FerretDB on a fresh folder: SQLite files there, or a new PostgreSQL
 * database (PostgreSQL on 127.0.0.1:5432, which must let this user create databases).
 */
export async function startBenchDatabase(backend: Backend, binary: string): Promise<BenchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-bench-'));
  const pgName = `da_bench_${process.pid}_${Date.now()}`;
  const pgUrl = `postgres://127.0.0.1:5432/${pgName}`;
  if (backend === 'postgresql') await run('createdb', ['-h', '127.0.0.1', '-p', '5432', pgName]);
  const ferret = await startFerretDB({ binary, dataDir, handler: backend, postgresqlUrl: pgUrl });
  return {
    backend,
    host: '127.0.0.1',
    port: ferret.port,
    uri: ferret.uri,
    async stop() {
      await ferret.stop();
      if (backend === 'postgresql') await run('dropdb', ['-h', '127.0.0.1', '-p', '5432', '--if-exists', pgName]);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
