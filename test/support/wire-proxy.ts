import { startTestApp, type TestApp } from './app.js';
import net from 'node:net';

/**
 * A TCP proxy in front of the test database that can make the server look out
 * of step: it sends one chosen reply twice, as FerretDB does when it answers an
 * unacknowledged write. The second copy is read by whichever request comes next
 * on that connection, exactly like the incident in production.
 */
export interface WireProxy {
  uri: string;
  /** The next request whose bytes contain `marker` gets its reply delivered twice. */
  duplicateReplyTo(marker: string): void;
  /** While on, every connection is cut and new ones are closed at once: the database is down. */
  setDown(down: boolean): void;
  /**
   * Freezes the server's side of the conversation at a chosen request: the
   * `nth` request whose bytes contain `marker`, and every request after it on
   * any connection, are held back until release(). Resolves once it is holding,
   * so a test can act on a process stopped at a known point, not at a time.
   */
  holdFrom(marker: string, nth: number): Promise<void>;
  /** Sends on everything held and stops holding. */
  release(): void;
  /** How many duplicates were sent so far. */
  readonly duplicatesSent: number;
  close(): Promise<void>;
}

/** Splits a byte stream into MongoDB wire messages (each starts with its int32 length). */
function frames(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      onFrame(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

export async function startWireProxy(target: { host: string; port: number }): Promise<WireProxy> {
  let marker: Buffer | undefined;
  let duplicatesSent = 0;
  let down = false;
  const sockets = new Set<net.Socket>();
  let hold: { marker: Buffer; left: number; onHold: () => void } | undefined;
  let held: Array<() => void> | undefined;
  /** Forwards a request now, or queues it while holding. */
  const forward = (frame: Buffer, send: () => void) => {
    if (hold && frame.includes(hold.marker) && (hold.left -= 1) === 0) {
      held = [];
      hold.onHold();
      hold = undefined;
    }
    if (held) held.push(send);
    else send();
  };
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const doubled = new Set<number>();
    client.on('data', frames((frame) => {
      if (marker && frame.includes(marker)) {
        doubled.add(frame.readInt32LE(4)); // requestID
        marker = undefined;
      }
      forward(frame, () => upstream.write(frame));
    }));
    upstream.on('data', frames((frame) => {
      client.write(frame);
      if (doubled.delete(frame.readInt32LE(8))) { // responseTo
        client.write(frame);
        duplicatesSent += 1;
      }
    }));
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    duplicateReplyTo(text) { marker = Buffer.from(text); },
    setDown(value) {
      down = value;
      if (down) for (const socket of sockets) socket.destroy();
    },
    holdFrom: (text, nth) => new Promise<void>((resolve) => { hold = { marker: Buffer.from(text), left: nth, onHold: resolve }; }),
    release() {
      const queued = held ?? [];
      held = undefined;
      for (const send of queued) send();
    },
    get duplicatesSent() { return duplicatesSent; },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * Before/after hooks for a test app whose database connection runs through a
 * wire proxy in front of the test FerretDB; `uriOptions` go on its connection
 * string (e.g. "?maxPoolSize=1"). Call inside describe().
 */
export function proxiedAppSuite(uriOptions = ''): { readonly t: TestApp; readonly proxy: WireProxy } {
  const state = {} as { t: TestApp; proxy: WireProxy };
  beforeEach(async () => {
    const target = new URL(process.env.TEST_MONGODB_URI!);
    state.proxy = await startWireProxy({ host: target.hostname, port: Number(target.port) });
    state.t = await startTestApp({}, { mongoUri: `${state.proxy.uri}${uriOptions}` });
  });
  afterEach(async () => {
    state.proxy.setDown(false);
    await state.t.close();
    await state.proxy.close();
  });
  return state;
}
