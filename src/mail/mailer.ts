import type { ExpressHandlebars } from 'express-handlebars';
import path from 'node:path';
import { translate, type Language, type MessageKey } from '../shared/i18n/index.js';
import { VIEWS_DIR } from '../shared/views/engine.js';
import { enqueueMessage, type MessageRefs, type OutboxEntry } from './outbox.js';

/** A mail template's name: every template has its subject at mail.<template>.subject. */
export type MailTemplate = MessageKey extends infer K ? (K extends `mail.${infer T}.subject` ? T : never) : never;

/** An email to send: which template, to whom, in which language, with what values. */
export interface MailRequest {
  template: MailTemplate;
  to: string;
  language: Language;
  data: Record<string, unknown>;
  /** An invitation, update or cancellation, sent as the text/calendar alternative. */
  calendar?: OutboxEntry['calendar'];
  /** Not before this time (reminders). */
  notBefore?: Date;
  /** Recorded once per key (reminders). */
  key?: string;
  refs?: MessageRefs;
  reminderOf?: OutboxEntry['reminderOf'];
}

export interface Mailer {
  /** Renders the email and records it in the outbox; a worker sends it later. Resolves with its Message-ID. */
  queue(request: MailRequest): Promise<{ messageId: string }>;
  /** Asks an in-process worker to look at the outbox now (after a retry, say); a no-op without one. */
  wake?(): void;
  /** Asks an in-process fan-out to tell people about a recorded calendar change now; a no-op without one. */
  wakeFanOut?(): void;
}

export interface MailerDeps {
  views: ExpressHandlebars;
  baseUrl: string;
  now: () => Date;
  /** Wakes an in-process worker, so a message goes out at once rather than at the next poll. */
  kick?: () => void;
  /** Wakes an in-process fan-out, so a recorded change is told at once rather than at the next poll. */
  kickFanOut?: () => void;
  /** Compile each template once (outside development, where templates are edited). */
  cacheTemplates?: boolean;
}

/**
 * Renders views/mail/<template>.text.hbs and .html.hbs in the recipient's
 * language (subject from mail.<template>.subject) and records both parts in the
 * outbox before resolving, so the email is part of the action that caused it.
 */
export function createMailer(deps: MailerDeps): Mailer {
  const render = (template: MailTemplate, kind: 'text' | 'html', context: Record<string, unknown>) =>
    deps.views.render(path.join(VIEWS_DIR, 'mail', `${template}.${kind}.hbs`), context, { cache: deps.cacheTemplates });
  const host = new URL(deps.baseUrl).hostname;

  return {
    async queue({ template, to, language, data, ...rest }) {
      const context = { ...data, lang: language, baseUrl: deps.baseUrl };
      const [text, html] = await Promise.all([render(template, 'text', context), render(template, 'html', context)]);
      const subject = translate(language, `mail.${template}.subject`, data);
      const queued = await enqueueMessage({ template, to, language, subject, text, html, ...rest }, { now: deps.now(), host });
      if (queued.created) deps.kick?.();
      return { messageId: queued.messageId };
    },
    wake: () => deps.kick?.(),
    wakeFanOut: () => deps.kickFanOut?.(),
  };
}
