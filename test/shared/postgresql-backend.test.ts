import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/shared/config.js';
import { openDatabase } from '../../src/shared/db/database.js';
import { canConnect, freePort } from '../../src/shared/db/ferretdb.js';
import { releaseSharedDatabase } from '../support/app.js';
import { onPostgresql, testFerretDBBackend } from '../support/postgresql.js';

describe('shared', () => {
  describe('embedded FerretDB on PostgreSQL', function () {
    this.timeout(60_000);
    let dataDir: string;
    beforeEach(async () => { dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-postgresql-')); });
    afterEach(async () => fs.rm(dataDir, { recursive: true, force: true }));

    /** Opens the database as server.ts does, with FERRETDB_POSTGRESQL_URL set, and returns the error it stops with. */
    async function failureToOpen(postgresqlUrl: string): Promise<{ error: unknown; ferretPort: number }> {
      const ferretPort = await freePort();
      const config = loadConfig({
        NODE_ENV: 'test', DATA_DIR: dataDir, FERRETDB_PORT: String(ferretPort), FERRETDB_BIN: process.env.TEST_FERRETDB_BIN,
        FERRETDB_POSTGRESQL_URL: postgresqlUrl,
      });
      await releaseSharedDatabase();
      const error = await openDatabase(config, () => undefined).then(async (database) => { await database.close(); }, (e: unknown) => e);
      return { error, ferretPort };
    }

    it('when no PostgreSQL answers at the URL, then opening fails with one line naming the setting, without the password, and FerretDB is stopped', async () => {
      const { error, ferretPort } = await failureToOpen(`postgres://app:secret@127.0.0.1:${await freePort()}/digital_afternoons`);
      expect(error).to.be.instanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).to.match(/^FERRETDB_POSTGRESQL_URL=postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/digital_afternoons: PostgreSQL does not answer at 127\.0\.0\.1:\d+$/);
      expect(await canConnect(ferretPort)).to.equal(false);
    });

    // Needs a PostgreSQL server, which only the PostgreSQL run is promised.
    if (onPostgresql) {
      it('when the database is missing, then opening fails with one line that says how to create it', async () => {
        const url = new URL(testFerretDBBackend().postgresqlUrl!);
        url.pathname = '/da_missing_database';
        const { error } = await failureToOpen(url.toString());
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as Error).message).to.match(
          /^FERRETDB_POSTGRESQL_URL=\S+: PostgreSQL at [\d.]+:\d+ has no database "da_missing_database"; create it \(createdb -h [\d.]+ -p \d+ da_missing_database\) or name one that exists$/,
        );
      });
    }
  });
});
