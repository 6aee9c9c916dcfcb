// npm run bench: measures the app against a bare Express route (the ceiling) in one run.
// It starts its own FerretDB on a fresh folder, seeds it, and never fails on speed.
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/shared/config.js';
import { openDatabase } from '../src/shared/db/database.js';
import { ensureFerretDB } from '../src/shared/db/ferretdb-binary.js';
import { freePort, startFerretDB } from '../src/shared/db/ferretdb.js';
import { startCompiledServer, startTypeScript, stopProcess, waitForPort } from './app-process.js';
import { loginCookie } from './bench/session.js';
import { benchTargets, PERSONAS, type Persona } from './bench/targets.js';
import { DEMO_PASSWORD } from './seed/accounts.js';
import { seedDemo } from './seed/demo.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function peakRssMb(pid: number | undefined): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function measure(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors };
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-bench-'));
const ferret = await startFerretDB({ binary: await ensureFerretDB(process.env.FERRETDB_BIN, console.log), dataDir });
const children: ChildProcess[] = [];
try {
  const env = { MONGODB_URI: ferret.uri, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret', COOKIE_SECURE: 'false', LOG_LEVEL: 'fatal' };
  // Failed requests show in the non-2xx column; logging each would bury the table.
  const seeding = await openDatabase(loadConfig({ ...env }), console.log);
  const targets = await benchTargets(await seedDemo('http://127.0.0.1'));
  await seeding.close();

  const [appPort, ceilingPort] = [await freePort(), await freePort()];
  const app = startCompiledServer({ ...env, PORT: String(appPort), HOST: '127.0.0.1' });
  const ceiling = startTypeScript('scripts/bench/ceiling.ts', { PORT: String(ceilingPort) });
  children.push(app, ceiling);
  await Promise.all([waitForPort(appPort, app), waitForPort(ceilingPort, ceiling)]);
  const base = `http://127.0.0.1:${appPort}`;
  const cookies = {} as Record<Persona, string>;
  for (const [persona, email] of Object.entries(PERSONAS)) cookies[persona as Persona] = await loginCookie(base, email, DEMO_PASSWORD);

  console.log(`\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per target\n`);
  const rows: Array<Record<string, string | number>> = [];
  const ceilingResult = await measure(`http://127.0.0.1:${ceilingPort}/`, {});
  rows.push({ target: 'bare Express route (ceiling)', 'req/s': ceilingResult.rps, 'p50 ms': ceilingResult.p50, 'p99 ms': ceilingResult.p99, ratio: '1.00', 'non-2xx': ceilingResult.bad });
  for (const target of targets) {
    const r = await measure(`${base}${target.path}`, target.as ? { cookie: cookies[target.as] } : {});
    rows.push({ target: target.name, 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, ratio: (r.rps / ceilingResult.rps).toPrecision(2), 'non-2xx': r.bad });
  }
  console.table(rows);
  console.log(`Peak RSS: app ${await peakRssMb(app.pid)} MB, ceiling ${await peakRssMb(ceiling.pid)} MB (${os.cpus().length} cores, Node ${process.version})`);
} finally {
  // The app finishes its requests and disconnects before its database goes away.
  await Promise.all(children.map(stopProcess));
  await ferret.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
