import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConfigError, describeSettings, loadConfig } from '../../src/shared/config.js';

const run = promisify(execFile);

describe('config', () => {
  describe('loadConfig', () => {
    it('when nothing is set, then every setting has its default', () => {
      const config = loadConfig({});
      expect(config.PORT).to.equal(3000);
      expect(config.MONGODB_URI).to.equal(undefined);
      expect(config.BASE_URL).to.equal('http://localhost:3000');
      expect(config.UPLOAD_MAX_MB).to.equal(25);
      expect(config.COOKIE_SECURE).to.equal(false);
    });

    it('when PORT is not a number, then loading fails naming the variable', () => {
      expect(() => loadConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT="abc"/);
    });

    it('when MONGODB_URI is not a MongoDB address, then loading fails naming it', () => {
      expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).to.throw(ConfigError, /MONGODB_URI/);
    });

    it('when FERRETDB_POSTGRESQL_URL names no database, then loading fails naming it', () => {
      expect(() => loadConfig({ FERRETDB_POSTGRESQL_URL: 'postgres://127.0.0.1:5432' })).to.throw(ConfigError, /FERRETDB_POSTGRESQL_URL/);
      expect(loadConfig({ FERRETDB_POSTGRESQL_URL: 'postgres://127.0.0.1:5432/da' }).FERRETDB_POSTGRESQL_URL).to.equal('postgres://127.0.0.1:5432/da');
    });

    it('when production runs without SESSION_SECRET, then loading fails', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /SESSION_SECRET/);
      expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).COOKIE_SECURE).to.equal(true);
    });

    it('when a setting is listed, then it has a description for the README', () => {
      for (const { name, description } of describeSettings()) expect(description, name).to.have.length.greaterThan(5);
    });
  });

  describe('server start-up', () => {
    it('when PORT=abc, then the process stops with one clear line', async function () {
      this.timeout(20_000);
      const failure = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, PORT: 'abc' } })
        .then(() => undefined, (error: { code: number; stderr: string }) => error);
      expect(failure?.code).to.equal(1);
      expect(failure?.stderr.trim()).to.equal('Invalid environment variable PORT="abc": Invalid input: expected number, received NaN');
    });
  });
});
