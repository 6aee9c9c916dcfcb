import { startTestApp, type TestApp } from './app.js';
import { startWireRelay } from '../../scripts/support/wire-relay.js';

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

export async function startWireProxy(target: { host: string; port: number }): Promise<WireProxy> {
  let marker: Buffer | undefined;
  let duplicatesSent = 0;
  let down = false;
  let hold: { marker: Buffer; left: number; onHold: () => void } | undefined;
  let held: Array<() => void> | undefined;
  const relay = await startWireRelay(target, {
    accept: () => !down,
    conversation() {
      const doubled = new Set<number>();
      return {
        request(message, forward) {
          if (marker && message.includes(marker)) {
            doubled.add(message.readInt32LE(4)); // requestID
            marker = undefined;
          }
          if (hold && message.includes(hold.marker) && (hold.left -= 1) === 0) {
            held = [];
            hold.onHold();
            hold = undefined;
          }
          if (held) held.push(forward);
          else forward();
        },
        reply(message, deliver) {
          deliver();
          if (doubled.delete(message.readInt32LE(8))) { // responseTo
            deliver();
            duplicatesSent += 1;
          }
        },
      };
    },
  });
  return {
    uri: relay.uri,
    duplicateReplyTo(text) { marker = Buffer.from(text); },
    setDown(value) {
      down = value;
      if (down) relay.cutAll();
    },
    holdFrom: (text, nth) => new Promise<void>((resolve) => { hold = { marker: Buffer.from(text), left: nth, onHold: resolve }; }),
    release() {
      const queued = held ?? [];
      held = undefined;
      for (const send of queued) send();
    },
    get duplicatesSent() { return duplicatesSent; },
    close: () => relay.close(),
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
