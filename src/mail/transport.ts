import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';

/** Hands a finished message to whatever delivers it. */
export interface MailTransport {
  deliver(message: SendMailOptions): Promise<{ messageId: string }>;
  describe(): string;
}

/** SMTP when a URL is configured; otherwise .eml files in a folder, so no message is lost in development. */
export function createMailTransport(options: { smtpUrl?: string; mailDir: string }): MailTransport {
  if (options.smtpUrl) {
    const smtp = nodemailer.createTransport(options.smtpUrl);
    return {
      async deliver(message) {
        const info = await smtp.sendMail(message);
        return { messageId: info.messageId };
      },
      describe: () => `SMTP ${new URL(options.smtpUrl!).host}`,
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async deliver(message) {
      const info = await files.sendMail(message);
      await fs.mkdir(options.mailDir, { recursive: true });
      const safeId = info.messageId.replace(/[^\w.@-]/g, '');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`;
      await fs.writeFile(path.join(options.mailDir, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
    describe: () => `.eml files in ${options.mailDir}`,
  };
}
