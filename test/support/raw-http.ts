import net from 'node:net';

/** A response as read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 connection driven by hand, so a test decides exactly which request travels on which
 * connection and when (a keep-alive connection reused after a shutdown began, a body sent late).
 */
export class RawConnection {
  private buffer = '';
  private waiting: Array<() => void> = [];
  /** Resolves when the server has closed the connection. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { this.buffer += chunk; this.wake(); });
    this.closed = new Promise((resolve) => socket.once('close', () => { this.wake(); resolve(); }));
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(text: string): void {
    this.socket.write(text);
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }

  /** Resolves once the server has sent this exact text (an interim "100 Continue", say), and consumes it. */
  async expectText(text: string): Promise<void> {
    while (!this.buffer.startsWith(text)) await this.more(`"${text.trim()}"`);
    this.buffer = this.buffer.slice(text.length);
  }

  /** The next complete response (its body read by Content-Length). */
  async nextResponse(): Promise<RawResponse> {
    let end: number;
    while ((end = this.buffer.indexOf('\r\n\r\n')) < 0) await this.more('a response');
    const [statusLine, ...lines] = this.buffer.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = end + 4;
    while (Buffer.byteLength(this.buffer.slice(bodyStart)) < length) await this.more('the body');
    const rest = this.buffer.slice(bodyStart);
    let body = '';
    let bytes = 0;
    for (const char of rest) {
      if (bytes >= length) break;
      body += char;
      bytes += Buffer.byteLength(char);
    }
    this.buffer = rest.slice(body.length);
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  }

  destroy(): void {
    this.socket.destroy();
  }

  private more(what: string): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error(`the connection closed before ${what}; got: ${JSON.stringify(this.buffer)}`));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/** A GET that keeps the connection open. */
export const keepAliveGet = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`;
