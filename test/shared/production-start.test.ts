import { expect } from 'chai';
import fs from 'node:fs/promises';
import { projectPath } from '../../src/shared/paths.js';
import { startCompiledServerElsewhere } from '../support/compiled-server.js';

describe('shared', () => {
  describe('production start', () => {
    it('when the compiled server runs under node from another folder, then it serves pages, styles and health, and stops cleanly', async function () {
      this.timeout(60_000);
      const { process: server, port, output, stop } = await startCompiledServerElsewhere('production');
      try {
        expect(server.spawnargs.some((arg) => arg.includes('tsx'))).to.equal(false);
        const home = await fetch(`http://127.0.0.1:${port}/`);
        expect(home.status).to.equal(200);
        expect(await home.text()).to.contain('/style.css');
        expect((await fetch(`http://127.0.0.1:${port}/style.css`)).status).to.equal(200);
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
      } finally {
        await stop();
      }
      expect(server.exitCode, output()).to.equal(0);
    });

    it('when the app is installed for production, then tsx is not among its runtime dependencies', async () => {
      const manifest = JSON.parse(await fs.readFile(projectPath('package.json'), 'utf8')) as { dependencies: Record<string, string> };
      expect(manifest.dependencies).to.not.have.property('tsx');
    });
  });
});
