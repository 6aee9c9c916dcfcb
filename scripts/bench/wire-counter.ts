import { startWireRelay } from '../support/wire-relay.js';

const OP_MSG = 2013;
// The driver's own upkeep, sent whether or not a page is being served.
const UPKEEP = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

/** A TCP proxy in front of the database that counts the commands (OP_MSG requests) passing through. */
export interface WireCounter {
  uri: string;
  /** Commands sent so far, the driver's heartbeats and pings left out. */
  readonly commands: number;
  close(): Promise<void>;
}

/** The command name of an OP_MSG: the first key of its body section (kind 0), which follows the flag bits. */
function commandName(frame: Buffer): string | undefined {
  if (frame.readInt32LE(12) !== OP_MSG || frame[20] !== 0) return undefined;
  const nameStart = 21 + 4 + 1; // body length (int32), then the first element's type byte
  const nameEnd = frame.indexOf(0, nameStart);
  return nameEnd > nameStart ? frame.toString('utf8', nameStart, nameEnd) : undefined;
}

/** Starts a counting proxy to host:port on a free loopback port. */
export async function startWireCounter(target: { host: string; port: number }): Promise<WireCounter> {
  let commands = 0;
  const relay = await startWireRelay(target, {
    conversation: () => ({
      request(message, forward) {
        forward();
        const name = commandName(message);
        if (name && !UPKEEP.has(name)) commands += 1;
      },
    }),
  });
  return {
    uri: relay.uri,
    get commands() { return commands; },
    close: () => relay.close(),
  };
}
