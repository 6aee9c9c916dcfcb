import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort, startFerretDB, type RunningFerretDB } from '../../src/shared/db/ferretdb.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { testFerretDBBackend } from '../support/postgresql.js';

describe('health', () => {
  // A FerretDB of this file's own, so stopping it does not disturb other tests.
  let dataDir: string;
  let port: number;
  let ferret: RunningFerretDB;
  let t: TestApp;
  const start = () => startFerretDB({ binary: process.env.TEST_FERRETDB_BIN!, dataDir, port, ...testFerretDBBackend() });

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-health-'));
    port = await freePort();
    ferret = await start();
    t = await startTestApp({}, { mongoUri: ferret.uri });
  });
  after(async () => {
    await t.close();
    await ferret.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  describe('GET /healthz', () => {
    it('when the database answers, then 200 {db:"up"} and the kind of server the app connected to', async () => {
      const response = await request(t.app).get('/healthz').expect(200);
      expect(response.body).to.deep.equal({ db: 'up', backend: 'ferretdb' });
    });

    it('when the database goes away, then 503, and when it comes back, then 200 again without a restart', async function () {
      this.timeout(60_000);
      await ferret.stop();
      const down = await request(t.app).get('/healthz');
      expect(down.status).to.equal(503);
      expect(down.body).to.deep.equal({ db: 'down', backend: 'ferretdb' });
      ferret = await start();
      await eventually('/healthz answers 200', async () => (await request(t.app).get('/healthz')).status === 200, { timeoutMs: 30_000, intervalMs: 250 });
    });
  });
});
