import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMailer } from '../../src/mail/mailer.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { createViewEngine } from '../../src/shared/views/engine.js';
import { startSmtpSink } from '../support/smtp.js';

describe('mail', () => {
  const views = createViewEngine();
  const request = { template: 'password-reset', to: 'kari@example.no', language: 'en' as const, data: { name: 'Kari & Ola', link: 'http://localhost:3000/password/choose/abc', minutes: 60 } };

  describe('transport without SMTP', () => {
    it('when no SMTP_URL is set, then each message is kept as an .eml file', async () => {
      const mailDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-mail-'));
      const mailer = createMailer({ transport: createMailTransport({ mailDir }), views, from: 'DA <da@example.no>', baseUrl: 'http://localhost:3000' });
      await mailer.send(request);
      const files = await fs.readdir(mailDir);
      expect(files).to.have.length(1);
      expect(files[0]).to.match(/\.eml$/);
      const eml = await fs.readFile(path.join(mailDir, files[0]!), 'utf8');
      expect(eml).to.contain('Subject: Choose a new password');
      expect(eml).to.contain('To: kari@example.no');
      await fs.rm(mailDir, { recursive: true });
    });
  });

  describe('transport with SMTP', () => {
    it('when SMTP_URL is set, then the server receives text and HTML parts in the recipient’s language', async () => {
      const smtp = await startSmtpSink();
      const mailer = createMailer({ transport: createMailTransport({ smtpUrl: smtp.url, mailDir: 'unused' }), views, from: 'DA <da@example.no>', baseUrl: 'http://localhost:3000' });
      await mailer.send(request);
      const mail = await smtp.waitFor(() => true);
      expect(mail.subject).to.equal('Choose a new password');
      expect(mail.text).to.contain('Hello Kari & Ola,');
      expect(mail.text).to.contain('http://localhost:3000/password/choose/abc');
      expect(mail.html).to.contain('Hello Kari &amp; Ola,');
      await smtp.close();
    });
  });
});
