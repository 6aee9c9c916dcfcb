import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An SMTP server that can refuse recipients (4xx, 5xx) and take its time, for delivery tests. */
export interface FlakySmtp {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** How many times each recipient was offered (accepted or not). */
  offers: Map<string, number>;
  waitUntil(done: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFlakySmtp(options: {
  /** An SMTP reply code to refuse this recipient with on this offer (1 = first), or undefined to accept. */
  refuse?: (address: string, offer: number) => number | undefined;
  /** Milliseconds to wait before accepting each message. */
  delayMs?: number;
  port?: number;
} = {}): Promise<FlakySmtp> {
  const messages: ParsedMail[] = [];
  const offers = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const offer = (offers.get(address.address) ?? 0) + 1;
      offers.set(address.address, offer);
      const code = options.refuse?.(address.address, offer);
      if (!code) return callback();
      callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        setTimeout(() => {
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            messages.push(mail);
            callback();
          });
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    offers,
    async waitUntil(done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out with ${messages.length} messages received`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
