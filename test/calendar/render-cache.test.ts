import { expect } from 'chai';
import { createRenderCache } from '../../src/calendar/render-cache.js';

describe('calendar', () => {
  describe('render cache', () => {
    it('when the same sessions are asked for again, then the calendar is not rendered again', () => {
      const cache = createRenderCache();
      let renders = 0;
      const render = () => `calendar ${++renders}`;
      expect(cache.get(['feed', [{ uid: 'a', sequence: 0 }]], render)).to.equal('calendar 1');
      expect(cache.get(['feed', [{ uid: 'a', sequence: 0 }]], render)).to.equal('calendar 1');
      expect(renders).to.equal(1);
    });

    it('when a session changes (a higher SEQUENCE), then the calendar is rendered anew', () => {
      const cache = createRenderCache();
      let renders = 0;
      const render = () => `calendar ${++renders}`;
      cache.get(['feed', [{ uid: 'a', sequence: 0 }]], render);
      expect(cache.get(['feed', [{ uid: 'a', sequence: 1 }]], render)).to.equal('calendar 2');
    });

    it('when more calendars than the limit are rendered, then the oldest is forgotten', () => {
      const cache = createRenderCache(2);
      let renders = 0;
      const render = () => `calendar ${++renders}`;
      for (const key of ['a', 'b', 'c']) cache.get(key, render);
      expect(cache.get('c', render)).to.equal('calendar 3');
      expect(cache.get('a', render)).to.equal('calendar 4');
    });
  });
});
