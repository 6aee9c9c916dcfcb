// npm run bench: measures each data-heavy page per data size and database backend, against a bare Express
// route (the ceiling), and prints one table with the goals. It starts its own databases and never fails on speed.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import { loadConfig } from '../src/shared/config.js';
import { openDatabase } from '../src/shared/db/database.js';
import { ensureFerretDB } from '../src/shared/db/ferretdb-binary.js';
import { freePort } from '../src/shared/db/ferretdb.js';
import { startCompiledServer, startTypeScript, stopProcess, waitForPort } from './app-process.js';
import { backendsFrom, startBenchDatabase, type BenchDatabase } from './bench/backends.js';
import { measurePage, throughput, type PageFigures } from './bench/measure.js';
import { generateScale } from './bench/scale/index.js';
import { loginCookie } from './bench/session.js';
import { sizesFrom, type ScaleSize } from './bench/sizes.js';
import { printTable, type Column } from './bench/table.js';
import { startWireCounter } from './bench/wire-counter.js';
import { benchTargets, PERSONAS, type BenchTarget, type Persona } from './bench/targets.js';
import { DEMO_PASSWORD } from './seed/accounts.js';
import { seedDemo } from './seed/demo.js';

const options = { seconds: Number(process.env.BENCH_SECONDS ?? 10), connections: Number(process.env.BENCH_CONNECTIONS ?? 10), requests: Number(process.env.BENCH_REQUESTS ?? 20) };
const sizes = sizesFrom(process.env.BENCH_SIZES ?? 'demo,programme');
const backends = backendsFrom(process.env.BENCH_BACKENDS ?? 'sqlite,postgresql');
// The mail worker is off so the outbox's queued messages are not sent mid-run and only page requests reach the database.
const APP_ENV = { NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret', COOKIE_SECURE: 'false', LOG_LEVEL: 'fatal', MAIL_WORKER: 'off' };
const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function peakRssMb(pid: number | undefined): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Seeds the demo into an open database, then the size's generated data; returns the pages to measure. */
async function fill(db: BenchDatabase, size: ScaleSize, demoOnly: boolean): Promise<BenchTarget[] | undefined> {
  const seeding = await openDatabase(loadConfig({ ...APP_ENV, MONGODB_URI: db.uri }), console.log);
  try {
    let targets: BenchTarget[] | undefined;
    if (demoOnly) {
      const started = Date.now();
      targets = await benchTargets(await seedDemo('http://127.0.0.1'));
      console.log(`Demo seed: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    await generateScale(size, new Date());
    return targets;
  } finally {
    await seeding.close();
  }
}

/** Starts the compiled app behind the counting proxy, measures every page, and stops it again. */
async function measureColumn(db: BenchDatabase, column: Column, targets: BenchTarget[], ceilingUrl: string, figures: Map<string, PageFigures>) {
  const counter = await startWireCounter(db);
  const port = await freePort();
  const app: ChildProcess = startCompiledServer({ ...APP_ENV, MONGODB_URI: counter.uri, PORT: String(port), HOST: '127.0.0.1' });
  try {
    // The app creates its indexes before it listens, which takes a while over a large collection on a busy machine.
    await waitForPort(port, app, 300_000);
    const base = `http://127.0.0.1:${port}`;
    const cookies = {} as Record<Persona, string>;
    for (const [persona, email] of Object.entries(PERSONAS)) cookies[persona as Persona] = await loginCookie(base, email, DEMO_PASSWORD);
    column.ceilingRps = (await throughput(ceilingUrl, {}, options)).rps;
    console.log(`\n${column.size} on ${column.backend}: ceiling ${Math.round(column.ceilingRps)} req/s, load ${loadAverage()}`);
    for (const target of targets) {
      const f = await measurePage(`${base}${target.path}`, target.as ? { cookie: cookies[target.as] } : {}, counter, options);
      figures.set(`${target.name}|${column.size}|${column.backend}`, f);
      console.log(`  ${target.name}: p50 ${f.p50} ms, p95 ${f.p95} ms, ${f.commands.toFixed(1)} commands, ${Math.round(f.rps)} req/s${f.failed ? `, ${f.failed} non-2xx` : ''}`);
    }
    column.load = loadAverage();
    console.log(`  peak RSS of the app: ${await peakRssMb(app.pid)} MB`);
  } finally {
    await stopProcess(app);
    await counter.close();
  }
}

const binary = await ensureFerretDB(process.env.FERRETDB_BIN, console.log);
const ceilingPort = await freePort();
const ceiling = startTypeScript('scripts/bench/ceiling.ts', { PORT: String(ceilingPort) });
const columns: Column[] = [];
const figures = new Map<string, PageFigures>();
let targets: BenchTarget[] = [];
try {
  await waitForPort(ceilingPort, ceiling);
  console.log(`Sizes ${sizes.map((s) => s.name).join(', ')} on ${backends.join(', ')}; ${options.requests} sequential requests, then ${options.connections} connections for ${options.seconds} s per page (${os.cpus().length} cores, Node ${process.version})`);
  for (const backend of backends) {
    let db: BenchDatabase | undefined;
    // A database that holds only the demo seed can take the next size's data on top; a larger one starts afresh.
    let onlyDemo = false;
    try {
      for (const size of sizes) {
        if (!db || !onlyDemo) {
          await db?.stop();
          db = await startBenchDatabase(backend, binary);
          targets = (await fill(db, size, true))!;
        } else await fill(db, size, false);
        onlyDemo = size.cohorts === 0;
        const column: Column = { size: size.name, backend, ceilingRps: 0, load: '' };
        columns.push(column);
        await measureColumn(db, column, targets, `http://127.0.0.1:${ceilingPort}/`, figures);
      }
    } finally {
      await db?.stop();
    }
  }
  printTable(targets, columns, figures);
} finally {
  await stopProcess(ceiling);
}
