import { expect } from 'chai';
import type http from 'node:http';
import net from 'node:net';
import { createDrainingServer, type DrainingServer } from '../../src/shared/http/draining-server.js';
import { keepAliveGet, RawConnection } from '../support/raw-http.js';

/** A server whose /slow requests wait until the test releases them; every other path answers at once. */
function slowServer(graceMs = 10_000) {
  const served: string[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let entered: () => void = () => undefined;
  const slowEntered = new Promise<void>((resolve) => { entered = resolve; });
  const handler: http.RequestListener = (req, res) => {
    served.push(req.url!);
    const answer = () => res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 }).end('ok');
    if (req.url !== '/slow') return answer();
    entered();
    void released.then(answer);
  };
  const drain = createDrainingServer(handler, { graceMs, retryAfterSeconds: 5 });
  return { drain, served, release, slowEntered };
}

async function listen(drain: DrainingServer): Promise<number> {
  await new Promise<void>((resolve) => drain.server.listen(0, '127.0.0.1', resolve));
  return (drain.server.address() as net.AddressInfo).port;
}

const refused = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(false); });
  socket.once('error', () => resolve(true));
});

describe('shared/http', () => {
  describe('shutdown with keep-alive connections', () => {
    it('when shutdown begins, then a request on an open keep-alive connection gets 503 with Connection: close, and a slow request under way still completes', async () => {
      const { drain, served, release, slowEntered } = slowServer();
      const port = await listen(drain);
      const browser = await RawConnection.open(port);
      browser.send(keepAliveGet('/'));
      expect((await browser.nextResponse()).status).to.equal(200);
      const slow = await RawConnection.open(port);
      slow.send(keepAliveGet('/slow'));
      await slowEntered;

      let stopped = false;
      const stopping = drain.stop().then(() => { stopped = true; });
      browser.send(keepAliveGet('/after'));
      const refusal = await browser.nextResponse();
      expect(refusal.status).to.equal(503);
      expect(refusal.headers.connection).to.equal('close');
      expect(refusal.headers['retry-after']).to.equal('5');
      expect(refusal.body).to.contain('Try again in a moment');
      await browser.closed;
      expect(served).to.not.include('/after');
      expect(await refused(port)).to.equal(true);
      expect(stopped).to.equal(false);

      release();
      const finished = await slow.nextResponse();
      expect(finished.status).to.equal(200);
      expect(finished.body).to.equal('ok');
      expect(finished.headers.connection).to.equal('close');
      await slow.closed;
      await stopping;
    });

    it('when nothing is under way, then shutdown closes idle keep-alive connections and ends at once', async () => {
      const { drain } = slowServer();
      const port = await listen(drain);
      const idle = await RawConnection.open(port);
      idle.send(keepAliveGet('/'));
      expect((await idle.nextResponse()).headers.connection).to.equal('keep-alive');
      await drain.stop();
      await idle.closed;
    });

    it('when a request is still under way after the grace period, then its connection is cut and shutdown ends', async () => {
      const { drain, slowEntered } = slowServer(200);
      const port = await listen(drain);
      const stuck = await RawConnection.open(port);
      stuck.send(keepAliveGet('/slow'));
      await slowEntered;
      await drain.stop();
      await stuck.closed;
      await stuck.nextResponse().then(() => expect.fail('a response came'), (error: Error) => expect(error.message).to.contain('closed'));
    });
  });
});
