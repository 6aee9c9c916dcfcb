import { expect } from 'chai';
import { startCompiledServerElsewhere } from '../support/compiled-server.js';
import { keepAliveGet, RawConnection } from '../support/raw-http.js';

const BODY = 'email=kari%40example.no&password=x';

describe('shared', () => {
  describe('shutdown of the running server', () => {
    it('when SIGTERM arrives, then a keep-alive connection’s next request gets 503 with Connection: close, a request under way completes, and the process exits 0', async function () {
      this.timeout(60_000);
      const { process: server, port, output, stop } = await startCompiledServerElsewhere('shutdown');
      let closing: () => void = () => undefined;
      const closingSaid = new Promise<void>((resolve) => { closing = resolve; });
      server.stdout!.on('data', () => { if (output().includes('SIGTERM received')) closing(); });
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      try {
        const browser = await RawConnection.open(port);
        browser.send(keepAliveGet('/healthz'));
        expect((await browser.nextResponse()).status).to.equal(200);
        // A form post whose body is still on its way: the "100 Continue" says the server has taken the request.
        const upload = await RawConnection.open(port);
        upload.send(`POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${BODY.length}\r\nExpect: 100-continue\r\n\r\n`);
        await upload.expectText('HTTP/1.1 100 Continue\r\n\r\n');

        server.kill('SIGTERM');
        await closingSaid;
        browser.send(keepAliveGet('/healthz'));
        const refusal = await browser.nextResponse();
        expect(refusal.status, output()).to.equal(503);
        expect(refusal.headers.connection).to.equal('close');
        expect(refusal.headers['retry-after']).to.equal('5');
        await browser.closed;

        upload.send(BODY);
        const answered = await upload.nextResponse();
        // Answered in full (the form lacks its CSRF token, so 403), not cut off.
        expect(answered.status, output()).to.equal(403);
        expect(answered.headers.connection).to.equal('close');
        await exited;
      } finally {
        await stop();
      }
      expect(server.exitCode, output()).to.equal(0);
    });
  });
});
