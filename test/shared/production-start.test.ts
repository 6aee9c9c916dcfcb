import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/shared/db/ferretdb.js';
import { projectPath } from '../../src/shared/paths.js';
import { startCompiledServer, stopProcess, waitForPort } from '../../scripts/app-process.js';

describe('shared', () => {
  describe('production start', () => {
    it('when the compiled server runs under node from another folder, then it serves pages, styles and health, and stops cleanly', async function () {
      this.timeout(60_000);
      await fs.access(projectPath('dist', 'src', 'server.js')).catch(() => {
        throw new Error('dist/ is missing: npm test builds it (npm run build)');
      });
      const port = await freePort();
      const uri = new URL(process.env.TEST_MONGODB_URI!);
      uri.pathname = `/test_production_${process.pid}`;
      const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'da-production-'));
      const server = startCompiledServer({
        NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', MONGODB_URI: uri.toString(), DATA_DIR: elsewhere,
        SESSION_SECRET: 'production-start-test-secret', LOG_LEVEL: 'silent', MAIL_WORKER: 'off',
      }, 'pipe', elsewhere);
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      server.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      try {
        expect(server.spawnargs.some((arg) => arg.includes('tsx'))).to.equal(false);
        await waitForPort(port, server).catch((error: Error) => { throw new Error(`${error.message}\n${output}`); });
        const home = await fetch(`http://127.0.0.1:${port}/`);
        expect(home.status).to.equal(200);
        expect(await home.text()).to.contain('/style.css');
        expect((await fetch(`http://127.0.0.1:${port}/style.css`)).status).to.equal(200);
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
      } finally {
        await stopProcess(server);
        await fs.rm(elsewhere, { recursive: true, force: true });
      }
      expect(server.exitCode, output).to.equal(0);
    });

    it('when the app is installed for production, then tsx is not among its runtime dependencies', async () => {
      const manifest = JSON.parse(await fs.readFile(projectPath('package.json'), 'utf8')) as { dependencies: Record<string, string> };
      expect(manifest.dependencies).to.not.have.property('tsx');
    });
  });
});
