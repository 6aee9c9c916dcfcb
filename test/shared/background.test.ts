import { expect } from 'chai';
import { BackgroundWork } from '../../src/shared/background.js';

describe('shared', () => {
  describe('background work', () => {
    it('when work is tracked, then settled() waits for all of it, failures included', async () => {
      const background = new BackgroundWork();
      const finished: string[] = [];
      let release!: () => void;
      background.track(new Promise<void>((resolve) => { release = resolve; }).then(() => { finished.push('import'); }));
      background.track(Promise.reject(new Error('a failed run')));
      const settled = background.settled();
      expect(finished).to.deep.equal([]);
      release();
      expect(await settled).to.equal(true);
      expect(finished).to.deep.equal(['import']);
    });

    it('when work outlasts the grace period, then settled() gives up and says so', async () => {
      const background = new BackgroundWork();
      background.track(new Promise(() => undefined));
      expect(await background.settled(50)).to.equal(false);
    });
  });
});
