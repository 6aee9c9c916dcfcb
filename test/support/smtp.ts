import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export interface SmtpSink {
  url: string;
  port: number;
  messages: ParsedMail[];
  raw: string[];
  /** How many times each recipient was offered (accepted or not). */
  offers: Map<string, number>;
  /** Messages whose data arrived while holding, not yet answered (see SmtpSinkOptions.holdAfter). */
  readonly held: number;
  /** Stops holding; messages held so far are never answered, as if their sender had gone. */
  stopHolding(): void;
  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Resolves once `done()` holds, checked whenever a message arrives and every 25 ms. */
  waitUntil(done: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  port?: number;
  /** An SMTP reply code to refuse this recipient with on this offer (1 = first), or undefined to accept. */
  refuse?: (address: string, offer: number) => number | undefined;
  /** Milliseconds to wait before accepting each message. */
  delayMs?: number;
  /**
   * Accepts this many messages, then holds every later one after its data has
   * arrived and before answering: its sender is stuck at a known point, where
   * the message may or may not count as sent.
   */
  holdAfter?: number;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  const offers = new Map<string, number>();
  let holding = options.holdAfter !== undefined;
  let held = 0;
  let accepting = 0; // messages past the hold check, counted before their (asynchronous) parsing ends
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
        if (holding && accepting >= options.holdAfter!) return void (held += 1);
        accepting += 1;
        setTimeout(async () => {
          const source = Buffer.concat(chunks);
          raw.push(source.toString('utf8'));
          messages.push(await simpleParser(source));
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out with ${messages.length} messages received`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    raw,
    offers,
    waitUntil,
    get held() { return held; },
    stopHolding() { holding = false; },
    async waitFor(match, timeoutMs = 5000) {
      await waitUntil(() => messages.some(match), timeoutMs).catch(() => {
        throw new Error(`no matching email among ${messages.length} received`);
      });
      return messages.find(match)!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
