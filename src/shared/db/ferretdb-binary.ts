import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectPath } from '../paths.js';

const run = promisify(execFile);

/** The FerretDB release we run; the proxy does not serve v1.24.1, so its neighbours follow. */
export const FERRETDB_VERSIONS = ['v1.24.1', 'v1.24.2', 'v1.24.0'] as const;
const MODULE = 'github.com/FerretDB/FerretDB';
export const TOOLS_DIR = projectPath('.tools', 'ferretdb');

type Log = (line: string) => void;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.X_OK);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds a ferretdb binary (the configured one, then PATH, then the tools folder)
 * and builds it into the tools folder when none exists.
 */
export async function ensureFerretDB(configured: string | undefined, log: Log): Promise<string> {
  if (configured) {
    if (await isExecutable(configured)) return configured;
    throw new Error(`FERRETDB_BIN=${configured} is not an executable file`);
  }
  const found = (await findOnPath('ferretdb')) ?? (await findBuilt());
  return found ?? buildFerretDB(log);
}

async function findBuilt(): Promise<string | undefined> {
  const file = path.join(TOOLS_DIR, 'ferretdb');
  return (await isExecutable(file)) ? file : undefined;
}

async function goCommand(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return run('go', args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
}

/** Downloads the first FerretDB version the Go module proxy serves; returns its source folder. */
async function downloadSource(workDir: string, log: Log): Promise<{ version: string; dir: string }> {
  const failures: string[] = [];
  for (const version of FERRETDB_VERSIONS) {
    const args = ['mod', 'download', '-json', `${MODULE}@${version}`];
    try {
      const { stdout } = await goCommand(args, workDir).catch(async (error: { stdout?: string }) => {
        // Only the checksum database being out of reach justifies skipping it: the module's own go.sum still pins its dependencies.
        if (!/sum\.golang\.org|checksum database/i.test(error.stdout ?? '')) throw error;
        log(`Checksum database unreachable; retrying ${version} without it`);
        return goCommand(args, workDir, { ...process.env, GOSUMDB: 'off' });
      });
      const info = JSON.parse(stdout) as { Dir?: string; Error?: string };
      if (info.Dir) return { version, dir: info.Dir };
      failures.push(`${version}: ${info.Error}`);
    } catch (error) {
      const { stdout, message } = error as { stdout?: string; message: string };
      const detail = stdout ? (JSON.parse(stdout) as { Error?: string }).Error : message;
      failures.push(`${version}: ${detail}`);
    }
    log(`FerretDB ${version} is not available: ${failures.at(-1)}`);
  }
  throw new Error(`blocked: no FerretDB version could be downloaded:\n${failures.join('\n')}`);
}

/** Builds FerretDB from the Go module proxy into the tools folder and returns the binary's path. */
export async function buildFerretDB(log: Log): Promise<string> {
  try {
    await run('go', ['version']);
  } catch {
    throw new Error('FerretDB is not built and Go is not installed: install Go (https://go.dev/dl) or set FERRETDB_BIN');
  }
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferretdb-build-'));
  try {
    log('Building FerretDB once (downloads its Go modules; about a minute)…');
    const { version, dir } = await downloadSource(workDir, log);
    const source = path.join(workDir, 'src');
    await fs.cp(dir, source, { recursive: true });
    // The module cache is read-only; the copy must be writable to add a file and to be removed.
    await run('chmod', ['-R', 'u+w', source]);
    // A release build reads its version from this generated file; the module zip leaves it out.
    await fs.writeFile(path.join(source, 'build', 'version', 'version.txt'), `${version}\n`);
    await fs.mkdir(TOOLS_DIR, { recursive: true });
    const target = path.join(TOOLS_DIR, 'ferretdb');
    log(`Compiling FerretDB ${version}…`);
    await goCommand(['build', '-trimpath', '-o', target, './cmd/ferretdb'], source);
    log(`FerretDB ${version} built at ${path.relative(process.cwd(), target)}`);
    return target;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
