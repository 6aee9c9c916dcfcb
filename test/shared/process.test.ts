import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { projectPath } from '../../src/shared/paths.js';

describe('shared', () => {
  describe('process', () => {
    it('when a promise rejection is left unhandled, then the process says what it was and exits with 1', async function () {
      this.timeout(30_000);
      const child = spawn(process.execPath, ['--import', 'tsx', projectPath('test/shared/fixtures/unhandled-rejection.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).to.equal(1);
      expect(output).to.contain('unhandled promise rejection').and.to.contain('lost in the background');
    });
  });
});
