import { expect } from 'chai';
import { Types } from 'mongoose';
import { AttendanceChange, AttendanceMark } from '../../src/attendance/attendance.model.js';
import { rekeyAttendanceMarks } from '../../src/attendance/rekey.js';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { checkIn as checkInService, ensureCheckInCode } from '../../src/attendance/check-in.service.js';
import { CheckInRefusedError } from '../../src/attendance/errors.js';
import { claimOlderCheckInCodes } from '../../src/workshops/index.js';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { CHECK_IN_ATTEMPTS } from '../../src/attendance/attendance.routes.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { signIn, submitForm, type Agent } from '../support/http.js';
import { makeSession, makeSetting, type Setting } from './fixtures.js';

describe('attendance', () => {
  let t: TestApp;
  let setting: Setting;
  let participant: Agent;
  beforeEach(async () => {
    t = await startTestApp();
    setting = await makeSetting({ companies: 1, perCompany: 2 });
    participant = await signIn(t.app, setting.companies[0]!.participants[0]!.email, PASSWORD);
  });
  afterEach(async () => t.close());

  const accountId = () => setting.companies[0]!.participants[0]!._id;
  const sessionStarting = async (startsInMinutes: number, status?: 'cancelled') => {
    const session = await makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes, status });
    return { session, code: await ensureCheckInCode(session._id) };
  };
  const checkIn = (agent: Agent, code: string) => submitForm(agent, '/check-in', { code });
  const marks = () => AttendanceMark.find({ accountId: accountId() }).lean();

  describe('check-in', () => {
    it('when a participant gives the right code at the start, then they are present, via check-in, by themselves', async () => {
      const { session, code } = await sessionStarting(0);
      const response = await checkIn(participant, code.toLowerCase().replace(/(...)/, '$1 '));
      expect(response.status).to.equal(302);
      const [mark] = await marks();
      expect(mark?.status).to.equal('present');
      expect(String(mark?.sessionId)).to.equal(String(session._id));
      expect(String(mark?.companyId)).to.equal(String(setting.companies[0]!.company._id));
      const [change] = await AttendanceChange.find({ accountId: accountId() }).lean();
      expect(change).to.include({ via: 'check-in', status: 'present' });
      expect(String(change!.by)).to.equal(String(accountId()));
      const page = await participant.get(response.headers.location!).expect(200);
      expect(page.text).to.contain('Du er registrert som «Til stede» på samling 1');
    });

    it('when a participant checks in more than 15 minutes after the start, then they are late', async () => {
      const { code } = await sessionStarting(-16);
      expect((await checkIn(participant, code)).status).to.equal(302);
      expect((await marks())[0]?.status).to.equal('late');
    });

    it('when a participant checks in 14 minutes after the start, then they are still present', async () => {
      const { code } = await sessionStarting(-14);
      await checkIn(participant, code);
      expect((await marks())[0]?.status).to.equal('present');
    });

    it('when a participant checks in twice, then the first status stands', async () => {
      const { code } = await sessionStarting(0);
      await checkIn(participant, code);
      t.clock.advanceMinutes(30);
      const again = await checkIn(participant, code);
      expect(again.status).to.equal(302);
      expect((await marks()).map((m) => m.status)).to.deep.equal(['present']);
      expect(await AttendanceChange.countDocuments()).to.equal(1);
    });

    it('when the code is wrong, then it is refused with 400 and nothing is stored', async () => {
      const { code } = await sessionStarting(0);
      const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
      const response = await checkIn(participant, wrong);
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Koden stemmer ikke');
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when a participant checks in ten minutes before the start, then it is refused saying from when, and nothing is stored', async () => {
      const { session, code } = await sessionStarting(10);
      const refused = await checkInService(toAccountView(setting.companies[0]!.participants[0]!), code, new Date(session.startsAt.getTime() - 1))
        .then(() => undefined, (error: unknown) => error);
      expect(refused).to.be.instanceOf(CheckInRefusedError).and.to.include({ reason: 'tooEarly' });
      const response = await checkIn(participant, code);
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Samlingen har ikke begynt ennå, så koden virker ikke. Du kan registrere deg fra');
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when the code is used too early and after the end, then both are refused, but inside the window it works', async () => {
      const { code } = await sessionStarting(45);
      const early = await checkIn(participant, code);
      expect(early.status).to.equal(400);
      expect(early.text).to.contain('Samlingen har ikke begynt ennå');
      expect(await AttendanceMark.countDocuments()).to.equal(0);

      t.clock.advanceMinutes(45 + 180 + 1);
      const late = await checkIn(participant, code);
      expect(late.status).to.equal(400);
      expect(late.text).to.contain('Samlingen er over');
      expect(await AttendanceMark.countDocuments()).to.equal(0);

      const colleague = await signIn(t.app, setting.companies[0]!.participants[1]!.email, PASSWORD);
      t.clock.advanceMinutes(-(180 + 1));
      expect((await checkIn(colleague, code)).status).to.equal(302);
    });

    it('when a session was given its code before codes had their own documents, then after the start-up step the code works', async () => {
      const session = await makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes: 0 });
      await WorkshopSession.updateOne({ _id: session._id }, { $set: { checkInCode: 'KQ7M2X' } });
      expect((await checkIn(participant, 'KQ7M2X')).status).to.equal(400);
      expect(await claimOlderCheckInCodes()).to.equal(1);
      expect(await claimOlderCheckInCodes()).to.equal(0);
      expect((await checkIn(participant, 'KQ7M2X')).status).to.equal(302);
      expect(await marks()).to.have.length(1);
    });

    it('when a mark was stored under an ObjectId before marks had derived ids, then after the start-up step check-in finds it, and a second run moves nothing', async () => {
      const { session, code } = await sessionStarting(0);
      // As an older database holds it: under the unique index the derived _id replaced.
      await AttendanceMark.collection.createIndex({ sessionId: 1, accountId: 1 }, { unique: true });
      await AttendanceMark.collection.insertOne({
        _id: new Types.ObjectId() as never, sessionId: session._id, cohortId: setting.cohort._id, companyId: setting.companies[0]!.company._id,
        accountId: accountId(), status: 'present', via: 'register', markedBy: setting.trainer._id, markedAt: t.clock.now(),
      });
      expect(await rekeyAttendanceMarks()).to.equal(1);
      expect(await rekeyAttendanceMarks()).to.equal(0);
      const [mark] = await marks();
      expect(mark?._id).to.equal(`${session._id}:${accountId()}`);
      const again = await checkIn(participant, code);
      expect(again.status).to.equal(302);
      expect((await participant.get(again.headers.location!).expect(200)).text).to.contain('Du er allerede registrert');
      expect((await marks()).map((m) => m.status)).to.deep.equal(['present']);
      expect(await AttendanceChange.countDocuments()).to.equal(0);
    });

    it('when the session is cancelled, then its code is refused', async () => {
      const { code } = await sessionStarting(0, 'cancelled');
      expect((await checkIn(participant, code)).status).to.equal(400);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when someone not listed for the cohort gives a right code, then it is refused and nothing is stored', async () => {
      const { code } = await sessionStarting(0);
      const outsiderCompany = await makeCompany();
      const outsider = await makeAccount({ companyId: outsiderCompany._id });
      const colleagueNotListed = await makeAccount({ companyId: setting.companies[0]!.company._id });
      for (const account of [outsider, colleagueNotListed]) {
        const response = await checkIn(await signIn(t.app, account.email, PASSWORD), code);
        expect(response.status).to.equal(403);
        expect(response.text).to.contain('Du står ikke på deltakerlisten');
      }
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it(`when someone guesses ${CHECK_IN_ATTEMPTS} wrong codes, then further attempts are refused with 429, even the right code`, async function () {
      this.timeout(60_000);
      const { code } = await sessionStarting(0);
      for (let i = 0; i < CHECK_IN_ATTEMPTS; i += 1) expect((await checkIn(participant, 'ZZZZZZ')).status).to.equal(400);
      expect((await checkIn(participant, code)).status).to.equal(429);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });
  });
});
