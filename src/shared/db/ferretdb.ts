import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** How a FerretDB process ended, with the last of what it printed. */
export interface FerretDBExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first line of a Go crash when there was one. */
  crash?: string;
  /** The kept tail of its stdout and stderr. */
  output: string;
  uptimeMs: number;
}

/** A FerretDB process this app started, and how to reach and stop it. */
export interface RunningFerretDB {
  uri: string;
  port: number;
  pid: number;
  /** Settles when the process has ended, whether stop() ended it or not. */
  exited: Promise<FerretDBExit>;
  stop(): Promise<void>;
}

export interface FerretDBOptions {
  binary: string;
  dataDir: string;
  port?: number;
  handler?: 'sqlite' | 'postgresql';
  postgresqlUrl?: string;
}

const OUTPUT_TAIL_CHARS = 8000;
// A Go crash prints its reason first ("panic: …", "fatal error: …", "SIGSEGV: …") and then one trace
// per goroutine, so the tail alone can lose it.
const CRASH_LINE = /^(panic: .*|fatal error: .*|SIG[A-Z]+: .*)\n/m;

/** Asks the kernel for a port nobody is listening on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Describes an exit in a few words, e.g. "killed by SIGKILL" or "exit code 2 (panic: …)". */
export function describeExit(exit: Pick<FerretDBExit, 'code' | 'signal' | 'crash'>): string {
  // FerretDB handles SIGTERM and SIGINT by closing its listener and exiting 0, logging that only at info level.
  if (exit.code === 0) return 'exit code 0, as after a SIGTERM or SIGINT from another process';
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return exit.crash ? `${how} (${exit.crash})` : how;
}

async function waitUntilListening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`FerretDB ended (${describeExit({ code: child.exitCode, signal: child.signalCode })}):\n${output()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`FerretDB did not answer on 127.0.0.1:${port} within 30 s:\n${output()}`);
}

function ferretArgs(options: FerretDBOptions, port: number, dataDir: string): string[] {
  const handler = options.handler ?? 'sqlite';
  return [
    `--handler=${handler}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    `--state-dir=${dataDir}`,
    '--log-level=warn',
    handler === 'sqlite'
      ? `--sqlite-url=file:${dataDir}/`
      : `--postgresql-url=${options.postgresqlUrl ?? 'postgres://127.0.0.1:5432/ferretdb'}`,
  ];
}

/** Starts FerretDB on loopback with telemetry and the debug listener off, and waits until it answers. */
export async function startFerretDB(options: FerretDBOptions): Promise<RunningFerretDB> {
  const port = options.port ?? (await freePort());
  // Readiness is "the port answers", so a port someone else holds would pass for a FerretDB that failed to listen.
  if (await canConnect(port)) throw new Error(`FerretDB cannot start: 127.0.0.1:${port} is already in use`);
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const startedAt = Date.now();
  const child = spawn(options.binary, ferretArgs(options, port, dataDir), { stdio: ['ignore', 'pipe', 'pipe'] });
  // Both pipes are always drained: a child blocked on a full pipe would stall every request.
  let log = '';
  let crash: string | undefined;
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    crash ??= CRASH_LINE.exec(log)?.[1];
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  // 'close' waits for both pipes to end, so the output includes the process's last words.
  const exited = new Promise<FerretDBExit>((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal, crash, output: log, uptimeMs: Date.now() - startedAt });
    });
  });
  try {
    await waitUntilListening(port, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    pid: child.pid!,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        await exited;
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
