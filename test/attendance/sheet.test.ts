import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AttendanceChange, AttendanceMark } from '../../src/attendance/attendance.model.js';
import { NotACsvError } from '../../src/attendance/errors.js';
import { readAttendanceSheet } from '../../src/attendance/sheet.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn, type Agent } from '../support/http.js';
import { makeSession, makeSetting, registerPath, type Setting } from './fixtures.js';

describe('attendance', () => {
  describe('readAttendanceSheet', () => {
    it('when the sheet uses Norwegian words, a BOM and extra columns, then each row has its status', () => {
      const rows = readAttendanceSheet(Buffer.from('\uFEFFNavn;E-post;Status\nKari;KARI@example.no ;Til  stede\nOla;ola@example.no;Gyldig fravær\nPer;per@example.no;kanskje\n'));
      expect(rows).to.deep.equal([
        { line: 2, email: 'kari@example.no', statusText: 'Til  stede', status: 'present' },
        { line: 3, email: 'ola@example.no', statusText: 'Gyldig fravær', status: 'excused' },
        { line: 4, email: 'per@example.no', statusText: 'kanskje', status: undefined },
      ]);
    });

    it('when the file is a workbook, binary, Latin-1 text or lacks the header, then it is not a CSV', () => {
      const reason = (bytes: Buffer) => { try { readAttendanceSheet(bytes); return 'read'; } catch (e) { return (e as NotACsvError).reason; } };
      expect(reason(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).to.equal('spreadsheet');
      expect(reason(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1]))).to.equal('binary');
      expect(reason(Buffer.from('email;status\na@b.no;frav\xe6r\n', 'latin1'))).to.equal('binary');
      expect(reason(Buffer.from('navn;oppmøte\nKari;ja\n'))).to.equal('header');
      expect(reason(Buffer.from(''))).to.equal('empty');
    });
  });

  describe('paper-sheet upload', () => {
    let t: TestApp;
    let setting: Setting;
    let trainer: Agent;
    let path: string;
    let sessionId: Types.ObjectId;
    beforeEach(async () => {
      t = await startTestApp();
      setting = await makeSetting();
      const session = await makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes: -200 });
      sessionId = session._id;
      path = registerPath(setting.cohort._id, session._id);
      trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
    });
    afterEach(async () => t.close());

    const upload = async (content: string | Buffer, name = 'liste.csv') => {
      const token = csrfFrom((await trainer.get(path).expect(200)).text);
      return trainer.post(`${path}/sheet?_csrf=${encodeURIComponent(token)}`).attach('file', Buffer.from(content), name);
    };
    const statuses = async () => Object.fromEntries((await AttendanceMark.find({ sessionId }).lean()).map((m) => [String(m.accountId), m.status]));
    const id = (company: number, n: number) => String(setting.companies[company]!.participants[n]!._id);

    it('when a semicolon sheet has good and bad rows, then the good ones are applied and each bad line is reported', async () => {
      const csv = '\uFEFFemail;status\r\na1@example.no;til stede\r\nA2@Example.no;Sen\r\nukjent@example.no;til stede\r\nb1@example.no;kanskje\r\n\r\nb2@example.no;gyldig fravær\r\na1@example.no;fravær\r\n';
      const response = await upload(csv);
      expect(response.status).to.equal(200);
      expect(await statuses()).to.deep.equal({ [id(0, 0)]: 'present', [id(0, 1)]: 'late', [id(1, 1)]: 'excused' });
      expect(response.text).to.contain('3 rader er registrert');
      expect(response.text).to.contain('Linje 4: ingen deltaker i kursrekken har e-postadressen «ukjent@example.no»');
      expect(response.text).to.contain('Linje 5: «kanskje» er ikke en status vi kjenner');
      expect(response.text).to.contain('Linje 8: «a1@example.no» står allerede på linje 2');
      const changes = await AttendanceChange.find({ sessionId }).lean();
      expect(changes).to.have.length(3);
      expect(changes.every((c) => c.via === 'csv' && String(c.by) === String(setting.trainer._id))).to.equal(true);
    });

    it('when a comma sheet uses English words, then it is applied too', async () => {
      const response = await upload('email,status\nb1@example.no,absent\n"b2@example.no","present"\n');
      expect(response.status).to.equal(200);
      expect(await statuses()).to.deep.equal({ [id(1, 0)]: 'absent', [id(1, 1)]: 'present' });
    });

    it('when the file is an Excel workbook, then nothing is applied and the page says why', async () => {
      const response = await upload(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('a1@example.no;til stede')]), 'liste.xlsx');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Filen er et Excel-regneark');
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when a quote is left open halfway down, then nothing is applied, not even the rows above it', async () => {
      const response = await upload('email;status\na1@example.no;til stede\n"a2@example.no;sen\n');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('linje 3');
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when the file is larger than 200 kB, then it is refused with 413', async () => {
      const response = await upload(`email;status\n${'a1@example.no;til stede\n'.repeat(9000)}`);
      expect(response.status).to.equal(413);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when a sheet is uploaded for a session that has not started, then 409 says from when, and nothing is applied', async () => {
      const ahead = await makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes: 90, position: 2 });
      const aheadPath = registerPath(setting.cohort._id, ahead._id);
      const token = csrfFrom((await trainer.get(aheadPath).expect(200)).text);
      const response = await trainer.post(`${aheadPath}/sheet?_csrf=${encodeURIComponent(token)}`)
        .attach('file', Buffer.from(`email;status\n${setting.companies[0]!.participants[0]!.email};til stede\n`), 'liste.csv');
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Samlingen har ikke begynt ennå, så oppmøte kan ikke registreres. Det kan registreres fra');
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when a participant uploads a sheet, then it is refused with 403', async () => {
      const participant = await signIn(t.app, setting.companies[0]!.participants[0]!.email, PASSWORD);
      const token = csrfFrom((await participant.get('/dashboard')).text);
      const response = await participant.post(`${path}/sheet?_csrf=${encodeURIComponent(token)}`).attach('file', Buffer.from('email;status\na1@example.no;til stede\n'), 'liste.csv');
      expect(response.status).to.equal(403);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });
  });
});
