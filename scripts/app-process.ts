import { spawn, type ChildProcess } from 'node:child_process';
import { canConnect } from '../src/shared/db/ferretdb.js';
import { PROJECT_ROOT, projectPath } from '../src/shared/paths.js';

/** The compiled server (npm run build), run by node as in production. */
export function startCompiledServer(env: Record<string, string>, output: 'inherit' | 'pipe' = 'inherit', cwd = PROJECT_ROOT): ChildProcess {
  return spawn(process.execPath, [projectPath('dist', 'src', 'server.js')], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', output, output] });
}

/** A TypeScript script run through tsx (development tools such as the bench's ceiling). */
export function startTypeScript(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Resolves once something listens on 127.0.0.1:port; fails after `timeoutMs` or when `child` exits first. */
export async function waitForPort(port: number, child?: ChildProcess, timeoutMs = 30_000): Promise<void> {
  for (let i = 0; i < timeoutMs / 100; i += 1) {
    if (await canConnect(port)) return;
    if (child && child.exitCode !== null) throw new Error(`the process exited with code ${child.exitCode} before listening on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs / 1000} s`);
}

/** Sends SIGTERM and resolves when the process has exited (at once if it already has). */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
