import { expect } from 'chai';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createMailTransport, isConnectionFailure, isPermanentFailure, type OutgoingMail } from '../../src/mail/transport.js';
import { startSmtpSink } from '../support/smtp.js';
import { calendarOf } from './support.js';

const calendar = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//NB\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n';
const message: OutgoingMail = {
  from: 'DA <da@example.no>', to: 'kari@example.no', subject: 'Avlyst', text: 'Hei Kari & Ola', html: '<p>Hei Kari &amp; Ola</p>',
  messageId: '<fast.id@localhost>', calendar: { method: 'CANCEL', content: calendar },
};

/** A loopback port with nobody listening. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('mail', () => {
  describe('transport without SMTP', () => {
    it('when no SMTP_URL is set, then each message is kept as an .eml file with its Message-ID and calendar', async () => {
      const mailDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-mail-'));
      const transport = createMailTransport({ mailDir });
      expect((await transport.deliver(message)).messageId).to.equal('<fast.id@localhost>');
      const files = await fs.readdir(mailDir);
      expect(files).to.have.length(1);
      expect(files[0]).to.match(/\.eml$/);
      const eml = await fs.readFile(path.join(mailDir, files[0]!), 'utf8');
      expect(eml).to.contain('Subject: Avlyst');
      expect(eml).to.contain('Message-ID: <fast.id@localhost>');
      expect(eml).to.match(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/);
      expect(transport.describe()).to.equal(`.eml files in ${mailDir}`);
      await fs.rm(mailDir, { recursive: true });
    });
  });

  describe('transport with SMTP', () => {
    it('when SMTP_URL is set, then the server gets text, HTML and the calendar under the given Message-ID', async () => {
      const smtp = await startSmtpSink();
      const transport = createMailTransport({ smtpUrl: smtp.url, mailDir: 'unused' });
      await transport.deliver(message);
      const mail = await smtp.waitFor(() => true);
      expect(mail.messageId).to.equal('<fast.id@localhost>');
      expect(mail.text).to.contain('Hei Kari & Ola');
      expect(mail.html).to.contain('Hei Kari &amp; Ola');
      expect(calendarOf(mail)).to.deep.include({ mimeType: 'text/calendar', method: 'CANCEL', text: calendar });
      transport.close();
      await smtp.close();
    });

    it('when nothing listens on the port, then the error is a connection failure worth retrying', async () => {
      const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, mailDir: 'unused' });
      const error = await transport.deliver(message).then(() => undefined, (e: unknown) => e);
      expect(isConnectionFailure(error), String(error)).to.equal(true);
      expect(isPermanentFailure(error)).to.equal(false);
    });

    it('when the server answers 5xx, then it is permanent; 4xx is not', () => {
      expect(isPermanentFailure({ responseCode: 550 })).to.equal(true);
      expect(isPermanentFailure({ responseCode: 451 })).to.equal(false);
      expect(isConnectionFailure({ responseCode: 451, code: 'EENVELOPE' })).to.equal(false);
    });
  });
});
