import { expect } from 'chai';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/shared/config.js';
import { openDatabase, type OpenDatabase } from '../../src/shared/db/database.js';
import { canConnect, freePort, type FerretDBExit } from '../../src/shared/db/ferretdb.js';
import { superviseFerretDB } from '../../src/shared/db/ferretdb-supervisor.js';
import { makeCohort } from '../workshops/fixtures.js';
import { releaseSharedDatabase, startTestApp, type TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { testFerretDBBackend } from '../support/postgresql.js';

const binary = () => process.env.TEST_FERRETDB_BIN!;
const tempDir = () => fs.mkdtemp(path.join(os.tmpdir(), 'da-supervisor-'));

describe('shared', () => {
  describe('embedded FerretDB supervision', function () {
    this.timeout(60_000);
    // A FerretDB of this file's own, opened the way server.ts opens it, so killing it disturbs no other test.
    let dataDir: string;
    let database: OpenDatabase;
    let t: TestApp;
    let lines: string[];

    before(async () => {
      dataDir = await tempDir();
      lines = [];
      const config = loadConfig({
        NODE_ENV: 'test', DATA_DIR: dataDir, FERRETDB_PORT: String(await freePort()), FERRETDB_BIN: binary(),
        FERRETDB_POSTGRESQL_URL: testFerretDBBackend().postgresqlUrl,
      });
      await releaseSharedDatabase();
      database = await openDatabase(config, (line) => lines.push(line));
      t = await startTestApp({}, { openDatabase: database });
    });
    after(async () => {
      await t?.close();
      await database?.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    it('when FerretDB is killed, then /healthz answers 503 until it is restarted on the same port, and pages work again in the same app', async () => {
      const cohort = await makeCohort({ title: 'Overlever en krasj' });
      const backend = testFerretDBBackend().handler;
      await request(t.app).get('/healthz').expect(200, { db: 'up', backend, ferretdb: 'up', restarts: 0 });
      const killedPid = database.embedded!.pid!;

      process.kill(killedPid, 'SIGKILL');
      // The driver may notice first (503 with ferretdb 'up'); the supervisor's view follows within moments.
      let down: request.Response | undefined;
      const restarting = async () => (down = await request(t.app).get('/healthz')).status === 503 && down.body.ferretdb === 'restarting';
      await eventually('/healthz says FerretDB is restarting', restarting, { timeoutMs: 5000 });
      expect(down!.body).to.deep.equal({ db: 'down', backend, ferretdb: 'restarting', restarts: 0 });

      let back: request.Response | undefined;
      await eventually('/healthz answers 200', async () => (back = await request(t.app).get('/healthz')).status === 200, { timeoutMs: 30_000, intervalMs: 100 });
      expect(back!.body).to.deep.equal({ db: 'up', backend, ferretdb: 'up', restarts: 1 });
      expect(database.embedded!.pid).to.not.equal(killedPid);
      const page = await request(t.app).get(`/workshops/${cohort._id}`).expect(200);
      expect(page.text).to.contain('Overlever en krasj');
      expect(lines.join('\n')).to.match(/FerretDB ended unexpectedly \(killed by SIGKILL\) after [\d.]+ s; restarting in 0\.5 s/);
      expect(lines.join('\n')).to.match(/FerretDB is back \(restart 1, pid \d+\)/);
    });

    it('when FerretDB crashes with a Go trace, then the log shows its exit code, the crash line and its last output', async () => {
      const before = database.embedded!.status().restarts;
      // SIGQUIT makes the Go runtime print every goroutine's stack and exit with code 2, as a panic does.
      process.kill(database.embedded!.pid!, 'SIGQUIT');
      await eventually('FerretDB is restarted', () => database.embedded!.status().restarts === before + 1, { timeoutMs: 30_000 });
      const exit = lines.find((line) => line.includes('exit code 2'));
      expect(exit).to.match(/^FerretDB ended unexpectedly \(exit code 2 \(SIGQUIT: quit\)\)/);
      expect(exit).to.contain('goroutine ');
      await eventually('/healthz answers 200', async () => (await request(t.app).get('/healthz')).status === 200, { timeoutMs: 30_000, intervalMs: 100 });
    });
  });

  describe('FerretDB supervisor', function () {
    this.timeout(60_000);
    let dataDir: string;
    beforeEach(async () => { dataDir = await tempDir(); });
    afterEach(async () => fs.rm(dataDir, { recursive: true, force: true }));

    it('when stop() ends FerretDB, then it is not restarted', async () => {
      const exits: FerretDBExit[] = [];
      const ferret = await superviseFerretDB({ binary: binary(), dataDir, ...testFerretDBBackend() }, { onExit: (exit) => exits.push(exit) });
      const pid = ferret.pid!;
      await ferret.stop();
      // The exit is seen before stop() returns, so a restart would already have been scheduled by now.
      expect(exits).to.deep.equal([]);
      expect(ferret.status()).to.deep.equal({ state: 'stopped', restarts: 0 });
      expect(ferret.pid).to.equal(undefined);
      expect(() => process.kill(pid, 0)).to.throw();
      expect(await canConnect(ferret.port)).to.equal(false);
    });

    it('when the port is taken after a crash, then it retries with doubling waits and comes back once the port is free', async () => {
      const waits: number[] = [];
      let blocker: net.Server | undefined;
      const ferret = await superviseFerretDB({ binary: binary(), dataDir, ...testFerretDBBackend() }, {
        // Something else grabs the port the moment FerretDB dies, as an outgoing connection might.
        onExit: (_exit, restartInMs) => { waits.push(restartInMs); blocker = net.createServer().listen(ferret.port, '127.0.0.1'); },
        onRestarted: () => waits.push(-1),
        onStartFailed: (_error, retryInMs) => waits.push(retryInMs),
      }, { initialMs: 100, maxMs: 400, stableMs: 60_000 });
      try {
        process.kill(ferret.pid!, 'SIGKILL');
        await eventually('four restart attempts', () => waits.length >= 4, { timeoutMs: 30_000 });
        expect(ferret.status()).to.deep.equal({ state: 'restarting', restarts: 0 });
        await new Promise((resolve) => blocker!.close(resolve));
        await eventually('FerretDB is up', () => ferret.status().state === 'up', { timeoutMs: 30_000 });
        expect(waits.slice(0, 4)).to.deep.equal([100, 200, 400, 400]);
        expect(ferret.status().restarts).to.equal(1);
        expect(await canConnect(ferret.port)).to.equal(true);
      } finally {
        blocker?.close();
        await ferret.stop();
      }
    });
  });
});
