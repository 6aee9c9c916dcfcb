import http from 'node:http';
import net from 'node:net';

/** An HTTP server and the way to stop it without cutting an answer short. */
export interface DrainingServer {
  server: http.Server;
  /** Starts the shutdown; resolves once every connection is closed. */
  stop(): Promise<void>;
}

const CLOSING_TEXT = 'Tjenesten starter på nytt. Prøv igjen om litt.\nThe service is restarting. Try again in a moment.\n';

/**
 * An HTTP server for `handler` that shuts down in order. From the first moment of `stop()`:
 * it takes no new connections; a request arriving on a connection already open (a browser's
 * keep-alive) is answered 503 with `Connection: close` and `Retry-After`, so it is never served
 * half-way or cut without an answer; requests already under way finish, their answers saying
 * `Connection: close`; once the last one has finished the idle connections close. After
 * `graceMs` whatever is left is cut, so a stuck request cannot hold up a restart.
 *
 * Node's own server.close() closes idle keep-alive connections at once, and a request the
 * browser sent on one at that moment is lost without an answer; connections busy then go on
 * serving new requests until they are cut. Hence the gate here.
 */
export function createDrainingServer(handler: http.RequestListener, options: { graceMs: number; retryAfterSeconds: number }): DrainingServer {
  let stopping = false;
  const underWay = new Set<http.ServerResponse>();
  let drained: (() => void) | undefined;

  const closeWhenDrained = () => {
    if (!stopping || underWay.size > 0) return;
    server.closeIdleConnections();
    drained?.();
  };

  const server = http.createServer((req, res) => {
    if (stopping) {
      res.writeHead(503, {
        'Connection': 'close', 'Retry-After': String(options.retryAfterSeconds),
        'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(CLOSING_TEXT),
      });
      res.end(CLOSING_TEXT);
      return;
    }
    underWay.add(res);
    res.on('close', () => {
      underWay.delete(res);
      closeWhenDrained();
    });
    handler(req, res);
  });

  return {
    server,
    stop() {
      stopping = true;
      // The client is told not to send more on this connection; the 503 above catches any that does.
      for (const res of underWay) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => {
        // net's close stops listening and waits for the connections, without http's closing of idle ones.
        if (server.listening) net.Server.prototype.close.call(server, () => resolve());
        else resolve();
      });
      const grace = setTimeout(() => server.closeAllConnections(), options.graceMs);
      const idle = new Promise<void>((resolve) => { drained = resolve; });
      closeWhenDrained();
      // A connection mid-request when the last answer went is not idle: its own 503 closes it.
      return idle.then(() => closed).then(() => clearTimeout(grace));
    },
  };
}
