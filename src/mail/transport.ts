import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** A finished message: the outbox renders it once, and every attempt sends the same bytes under the same Message-ID. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** "<id@host>", the same on every attempt, so a receiver can tell a repeat. */
  messageId?: string;
  /** An iTIP calendar (REQUEST or CANCEL) sent as the text/calendar alternative, never as an attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** Hands a finished message to whatever delivers it. */
export interface MailTransport {
  deliver(message: OutgoingMail): Promise<{ messageId: string }>;
  describe(): string;
  close(): void;
}

// Bounded waits, so a hung server cannot hold a worker's lease for long (MAIL_LEASE_MS).
// One connection per message: a pool would keep queued sends waiting on a dead connection.
const SMTP_OPTIONS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * Text, HTML and the calendar as three alternatives of one multipart/alternative
 * (RFC 6047), and nothing else. Nodemailer's `icalEvent` would also attach the
 * same calendar as invite.ics, so a client could offer it twice and Gmail and
 * Outlook may stop treating the email as an invitation: the calendar is passed
 * as a plain alternative with its method instead.
 */
function mailOptions(message: OutgoingMail) {
  return {
    from: message.from, to: message.to, subject: message.subject, text: message.text, html: message.html,
    messageId: message.messageId,
    alternatives: message.calendar
      ? [{ contentType: `text/calendar; charset=utf-8; method=${message.calendar.method}`, content: message.calendar.content }]
      : undefined,
  };
}

/** Where messages go, for the start-up line and the admin page. */
export function describeTransport(options: { smtpUrl?: string; mailDir: string }): string {
  return options.smtpUrl ? `SMTP ${new URL(options.smtpUrl).host}` : `.eml files in ${options.mailDir}`;
}

/** SMTP when a URL is configured; otherwise .eml files in a folder, so no message is lost in development. */
export function createMailTransport(options: { smtpUrl?: string; mailDir: string }): MailTransport {
  if (options.smtpUrl) {
    const smtp = nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_OPTIONS });
    return {
      async deliver(message) {
        const info = await smtp.sendMail(mailOptions(message));
        return { messageId: info.messageId };
      },
      describe: () => describeTransport(options),
      close: () => smtp.close(),
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async deliver(message) {
      const info = await files.sendMail(mailOptions(message));
      await fs.mkdir(options.mailDir, { recursive: true });
      const safeId = info.messageId.replace(/[^\w.@-]/g, '');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`;
      await fs.writeFile(path.join(options.mailDir, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
    describe: () => describeTransport(options),
    close: () => undefined,
  };
}

/**
 * Whether a delivery error is final: the server answered 5xx (a bad mailbox, a
 * refused message). Connection failures and 4xx answers are worth retrying.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Whether the server could not be reached at all, so the rest of a batch would fail the same way. */
export function isConnectionFailure(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  return responseCode === undefined && ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED'].includes(code ?? '');
}
