import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { createViewEngine } from '../shared/views/engine.js';
import { createMailer, type Mailer } from './mailer.js';
import { reminderStillWanted } from './reminders.js';
import { createMailTransport, type MailTransport } from './transport.js';
import { createMailWorker, type MailWorker } from './worker.js';

export interface MailSystem {
  mailer: Mailer;
  worker: MailWorker;
  transport: MailTransport;
  /** Whether this process sends the outbox itself (MAIL_WORKER=inline). */
  inline: boolean;
  /** Starts the worker when it runs in this process. */
  start(): void;
  /** Stops the worker after its batch and closes the transport. */
  stop(): Promise<void>;
}

/**
 * Wires transport, outbox worker and mailer from the configuration. Nothing
 * connects or sends until start(); the standalone worker calls worker.start().
 */
export function createMailSystem(config: Config, options: { now?: () => Date; logger?: Logger; inline?: boolean } = {}): MailSystem {
  const now = options.now ?? (() => new Date());
  const inline = options.inline ?? config.MAIL_WORKER === 'inline';
  const transport = createMailTransport({ smtpUrl: config.SMTP_URL, mailDir: config.mailDir });
  const worker = createMailWorker({
    transport, from: config.MAIL_FROM, now, pollMs: config.MAIL_POLL_MS, leaseMs: config.MAIL_LEASE_MS,
    retry: { baseMs: config.MAIL_RETRY_BASE_MS, maxMs: config.MAIL_RETRY_MAX_MS, giveUpMs: config.MAIL_GIVE_UP_HOURS * 3_600_000 },
    stillWanted: reminderStillWanted, logger: options.logger,
  });
  const mailer = createMailer({
    views: createViewEngine(), baseUrl: config.BASE_URL, now, kick: inline ? worker.kick : undefined, cacheTemplates: config.NODE_ENV !== 'development',
  });
  return {
    mailer, worker, transport, inline,
    start() {
      if (inline) worker.start();
    },
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
