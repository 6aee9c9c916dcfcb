// The mail component's public face: the mail system (outbox, worker, fan-out), the mailer others queue email with,
// the notifications the composition root subscribes to domain events, and the outbox pages.
export { createMailSystem, type MailSystem, type MailSystemOptions } from './mail-system.js';
export type { Mailer, MailRequest, MailTemplate } from './mailer.js';
export { mailRoutes } from './mail.routes.js';
export { createNotifications, type Notifications } from './notifications.js';
export { describeTransport } from './transport.js';
// A person's own data: what the export shows of the outbox, and the erasure's step here.
export * as mailPersonalData from './personal-data.js';
