import type { ExpressHandlebars } from 'express-handlebars';
import path from 'node:path';
import { translate, type Language } from '../shared/i18n/index.js';
import { VIEWS_DIR } from '../shared/views/engine.js';
import type { MailTransport } from './transport.js';

/** An email to send: which template, to whom, in which language, with what values. */
export interface MailRequest {
  template: string;
  to: string;
  language: Language;
  data: Record<string, unknown>;
}

export interface Mailer {
  send(request: MailRequest): Promise<{ messageId: string }>;
}

/**
 * Renders views/mail/<template>.text.hbs and .html.hbs in the recipient's
 * language (subject from mail.<template>.subject) and delivers both parts.
 */
export function createMailer(deps: { transport: MailTransport; views: ExpressHandlebars; from: string; baseUrl: string }): Mailer {
  const render = (template: string, kind: 'text' | 'html', context: Record<string, unknown>) =>
    deps.views.render(path.join(VIEWS_DIR, 'mail', `${template}.${kind}.hbs`), context);

  return {
    async send({ template, to, language, data }) {
      const context = { ...data, lang: language, baseUrl: deps.baseUrl };
      const [text, html] = await Promise.all([render(template, 'text', context), render(template, 'html', context)]);
      const subject = translate(language, `mail.${template}.subject`, data);
      return deps.transport.deliver({ from: deps.from, to, subject, text, html });
    },
  };
}
