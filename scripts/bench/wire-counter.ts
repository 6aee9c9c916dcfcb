import net from 'node:net';

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
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending: Buffer = Buffer.alloc(0);
    // Requests are split into wire messages (each starts with its int32 length) to count them; bytes pass on unchanged.
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const name = commandName(pending.subarray(0, pending.readInt32LE(0)));
        if (name && !UPKEEP.has(name)) commands += 1;
        pending = pending.subarray(pending.readInt32LE(0));
      }
    });
    upstream.pipe(client);
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
    get commands() { return commands; },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
