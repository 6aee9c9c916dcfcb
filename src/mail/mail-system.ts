import type { CourseCatalogue } from '../courses/index.js';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { createViewEngine } from '../shared/views/engine.js';
import { createFanOut } from './fan-out.js';
import { createFanOutWorker, type FanOutWorker } from './fan-out-worker.js';
import { createMailer, type Mailer } from './mailer.js';
import { reminderStillWanted } from './reminders.js';
import { createMailTransport, type MailTransport } from './transport.js';
import { createMailWorker, type MailWorker } from './worker.js';

export interface MailSystem {
  mailer: Mailer;
  worker: MailWorker;
  /** Tells recorded calendar changes to everyone they concern; runs wherever the outbox worker runs. */
  fanOut: FanOutWorker;
  transport: MailTransport;
  /** Whether this process sends the outbox itself (MAIL_WORKER=inline). */
  inline: boolean;
  /** Starts the outbox worker and the fan-out when they run in this process. */
  start(): void;
  /**
   * Waits for the fan-out's company under way and the outbox worker's batch,
   * then closes the transport: call it before the database closes. Unfinished
   * changes stay recorded and are told after the next start.
   */
  stop(): Promise<void>;
}

/** What the mail system needs besides the configuration. */
export interface MailSystemOptions {
  /** Module titles for the session emails the fan-out writes. */
  catalogue: CourseCatalogue;
  now?: () => Date;
  logger?: Logger;
  /** Overrides MAIL_WORKER: the standalone worker passes false and starts both workers itself. */
  inline?: boolean;
}

/**
 * Wires transport, outbox worker, fan-out and mailer from the configuration.
 * Nothing connects or sends until start(); the standalone worker calls
 * worker.start() and fanOut.start().
 */
export function createMailSystem(config: Config, options: MailSystemOptions): MailSystem {
  const now = options.now ?? (() => new Date());
  const inline = options.inline ?? config.MAIL_WORKER === 'inline';
  const transport = createMailTransport({ smtpUrl: config.SMTP_URL, mailDir: config.mailDir });
  const worker = createMailWorker({
    transport, from: config.MAIL_FROM, now, pollMs: config.MAIL_POLL_MS, leaseMs: config.MAIL_LEASE_MS,
    retry: { baseMs: config.MAIL_RETRY_BASE_MS, maxMs: config.MAIL_RETRY_MAX_MS, giveUpMs: config.MAIL_GIVE_UP_HOURS * 3_600_000 },
    stillWanted: reminderStillWanted, logger: options.logger,
  });
  // Kicks reach only workers started in this process (a stopped worker ignores them), so the
  // standalone worker's fan-out wakes its own outbox worker, and a web process with MAIL_WORKER=off wakes nothing.
  let fanOut: FanOutWorker | undefined;
  const mailer = createMailer({
    views: createViewEngine(), baseUrl: config.BASE_URL, now, kick: worker.kick, kickFanOut: () => fanOut?.kick(),
    cacheTemplates: config.NODE_ENV !== 'development',
  });
  fanOut = createFanOutWorker({
    fanOut: createFanOut({ baseUrl: config.BASE_URL, mailFrom: config.MAIL_FROM, catalogue: options.catalogue, mailer, now, reminderHour: config.MAIL_REMINDER_HOUR }),
    pollMs: config.MAIL_POLL_MS, logger: options.logger,
  });
  return {
    mailer, worker, fanOut, transport, inline,
    start() {
      if (!inline) return;
      worker.start();
      fanOut.start();
    },
    async stop() {
      await Promise.all([fanOut.stop(), worker.stop()]);
      transport.close();
    },
  };
}
