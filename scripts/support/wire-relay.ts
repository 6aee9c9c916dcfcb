import net from 'node:net';

/**
 * A TCP relay in front of a MongoDB wire-protocol server that hands each whole
 * message to the caller before passing it on. The bench counts commands with
 * it; the tests use it to hold requests back or send a reply twice.
 */
export interface WireConversation {
  /** A request from the client; forward() passes it to the server (now, later, or never). */
  request?(message: Buffer, forward: () => void): void;
  /** A reply from the server; deliver() passes it to the client (once, or more). */
  reply?(message: Buffer, deliver: () => void): void;
}

export interface WireRelayOptions {
  /** Asked for every new connection; false closes it at once, as a server that is down. Default: accept. */
  accept?(): boolean;
  /** The hooks of one client connection, which may keep state of their own. Default: pass everything on. */
  conversation?(): WireConversation;
}

export interface WireRelay {
  /** A connection string to the relay, without a database name. */
  uri: string;
  /** Cuts every open connection, both sides. */
  cutAll(): void;
  close(): Promise<void>;
}

/** Splits a byte stream into wire messages: each starts with its own length as an int32. */
export function wireMessages(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

/** Starts a relay to host:port on a free loopback port. */
export async function startWireRelay(target: { host: string; port: number }, options: WireRelayOptions = {}): Promise<WireRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (options.accept && !options.accept()) return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const { request, reply } = options.conversation?.() ?? {};
    client.on('data', wireMessages((message) => {
      const forward = () => upstream.write(message);
      if (request) request(message, forward);
      else forward();
    }));
    upstream.on('data', wireMessages((message) => {
      const deliver = () => client.write(message);
      if (reply) reply(message, deliver);
      else deliver();
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
  const cutAll = () => { for (const socket of sockets) socket.destroy(); };
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    cutAll,
    close: () => new Promise<void>((resolve) => {
      cutAll();
      server.close(() => resolve());
    }),
  };
}
