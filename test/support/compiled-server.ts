import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startCompiledServer, stopProcess, waitForPort } from '../../scripts/app-process.js';
import { freePort } from '../../src/shared/db/ferretdb.js';
import { projectPath } from '../../src/shared/paths.js';

export interface CompiledServer {
  process: ChildProcess;
  port: number;
  /** Everything it printed so far, both streams, for failure messages. */
  output(): string;
  /** Stops it (if it still runs) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * The compiled server (dist/) under node, as production runs it, started from a temporary folder
 * so nothing is found through the working directory, on a database of its own on the test FerretDB.
 * Resolves once it listens.
 */
export async function startCompiledServerElsewhere(name: string): Promise<CompiledServer> {
  await fs.access(projectPath('dist', 'src', 'server.js')).catch(() => {
    throw new Error('dist/ is missing: npm test builds it (npm run build)');
  });
  const port = await freePort();
  const uri = new URL(process.env.TEST_MONGODB_URI!);
  uri.pathname = `/test_${name}_${process.pid}`;
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), `da-${name}-`));
  const server = startCompiledServer({
    NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', MONGODB_URI: uri.toString(), DATA_DIR: folder,
    SESSION_SECRET: `${name}-test-secret-value`, LOG_LEVEL: 'silent', MAIL_WORKER: 'off',
  }, 'pipe', folder);
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  server.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const stop = async () => {
    await stopProcess(server);
    await fs.rm(folder, { recursive: true, force: true });
  };
  await waitForPort(port, server).catch(async (error: Error) => {
    await stop();
    throw new Error(`${error.message}\n${output}`);
  });
  return { process: server, port, output: () => output, stop };
}
