import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AttendanceChange, AttendanceMark } from '../../src/attendance/attendance.model.js';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { SessionNotStartedError } from '../../src/attendance/errors.js';
import { importSheet, saveRegister } from '../../src/attendance/register.service.js';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn, submitForm } from '../support/http.js';
import { makeGarden } from '../workshops/fixtures.js';
import { codeFrom, makeSession, makeSetting, overviewPath, registerPath, type Setting } from './fixtures.js';

describe('attendance', () => {
  let t: TestApp;
  let setting: Setting;
  let path: string;
  let sessionId: string;
  beforeEach(async () => {
    t = await startTestApp();
    setting = await makeSetting();
    const session = await makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes: 0 });
    sessionId = String(session._id);
    path = registerPath(setting.cohort._id, session._id);
  });
  afterEach(async () => t.close());

  const person = (company: number, n: number) => setting.companies[company]!.participants[n]!;
  const field = (account: { _id: unknown }) => `mark-${account._id}`;
  const statusOf = async (account: { _id: Types.ObjectId }) => (await AttendanceMark.findOne({ sessionId, accountId: account._id }).lean())?.status;

  describe('register', () => {
    it('when the trainer opens it, then every participant of every enrolled company is listed, and no one waiting', async () => {
      const waiting = await makeCompany({ name: 'Venteliste AS' });
      const waiter = await makeAccount({ companyId: waiting._id, name: 'Vera Venter' });
      await Enrolment.create({ cohortId: setting.cohort._id, companyId: waiting._id, status: 'waitlisted', participantIds: [waiter._id] });
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const page = await trainer.get(path).expect(200);
      for (const name of ['Deltaker A1', 'Deltaker A2', 'Deltaker B1', 'Deltaker B2', 'Bedrift A', 'Bedrift B']) expect(page.text).to.contain(name);
      expect(page.text).not.to.contain('Vera Venter');
      expect(page.text).to.contain(`name="${field(person(0, 0))}" value="late"`);
    });

    it('when the trainer marks statuses twice, then the marks hold the latest and the history keeps who and when', async () => {
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const first = await submitForm(trainer, path, {
        [field(person(0, 0))]: 'present', [field(person(0, 1))]: 'late', [field(person(1, 0))]: 'excused', [field(person(1, 1))]: 'absent',
      });
      expect(first.status).to.equal(302);
      expect(first.headers.location).to.equal(path);
      const markedAt = t.clock.now();
      t.clock.advanceMinutes(20);
      await submitForm(trainer, path, { [field(person(0, 0))]: 'late', [field(person(0, 1))]: 'late' }).then((r) => expect(r.status).to.equal(302));

      expect(await statusOf(person(0, 0))).to.equal('late');
      expect(await statusOf(person(0, 1))).to.equal('late');
      expect(await statusOf(person(1, 0))).to.equal('excused');
      expect(await statusOf(person(1, 1))).to.equal('absent');
      const history = await AttendanceChange.find({ sessionId, accountId: person(0, 0)._id }).sort({ at: 1 }).lean();
      expect(history.map((h) => h.status)).to.deep.equal(['present', 'late']);
      expect(history.every((h) => String(h.by) === String(setting.trainer._id) && h.via === 'register')).to.equal(true);
      expect(history[1]!.at.getTime() - history[0]!.at.getTime()).to.be.closeTo(20 * 60_000, 5_000);
      expect(Math.abs(history[0]!.at.getTime() - markedAt.getTime())).to.be.below(5_000);
      // The unchanged second row made no new history entry.
      expect(await AttendanceChange.countDocuments({ sessionId, accountId: person(0, 1)._id })).to.equal(1);
      const page = await trainer.get(path).expect(200);
      expect(page.text).to.contain(`name="${field(person(1, 0))}" value="excused" checked`);
      expect(page.text).to.contain('av Trude Trener');
    });

    it('when the trainer presses "mark the rest present", then everyone without a status becomes present and chosen ones stay', async () => {
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const response = await submitForm(trainer, path, { [field(person(1, 1))]: 'excused', intent: 'rest-present' });
      expect(response.status).to.equal(302);
      expect(await statusOf(person(0, 0))).to.equal('present');
      expect(await statusOf(person(0, 1))).to.equal('present');
      expect(await statusOf(person(1, 0))).to.equal('present');
      expect(await statusOf(person(1, 1))).to.equal('excused');
      expect(await AttendanceMark.countDocuments({ sessionId })).to.equal(4);
    });

    it('when a status that is not one of the four is posted, then it is refused and nothing is stored', async () => {
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const response = await submitForm(trainer, path, { [field(person(0, 0))]: 'sleeping' });
      expect(response.status).to.equal(400);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when the register is posted 10 times at once, then each person has one mark, holding one of the posted statuses', async () => {
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const _csrf = csrfFrom((await trainer.get(path).expect(200)).text);
      const statuses = ['present', 'late', 'excused', 'absent'];
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => trainer.post(path).type('form').send({
        _csrf, [field(person(0, 0))]: statuses[i % 4]!, [field(person(1, 0))]: statuses[(i + 1) % 4]!,
      })));
      expect(responses.map((r) => r.status)).to.deep.equal(Array(10).fill(302));
      // The unique {sessionId, accountId} index is what keeps the racing first marks to one each.
      for (const account of [person(0, 0), person(1, 0)]) {
        const marks = await AttendanceMark.find({ sessionId, accountId: account._id }).lean();
        expect(marks).to.have.length(1);
        expect(statuses).to.include(marks[0]!.status);
      }
    });

    it('when the register is first opened twice at once, then both show the same code, and it is stored on the session', async () => {
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const [a, b] = await Promise.all([trainer.get(path).expect(200), trainer.get(path).expect(200)]);
      expect(codeFrom(a.text)).to.match(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/);
      expect(codeFrom(a.text)).to.equal(codeFrom(b.text));
      expect((await WorkshopSession.findById(sessionId).lean())!.checkInCode).to.equal(codeFrom(a.text));
      expect(codeFrom((await trainer.get(path)).text)).to.equal(codeFrom(a.text));
    });
  });

  describe('before the session starts', () => {
    const DAY_MINUTES = 24 * 60;
    /** A session two months ahead, like the February register once saved in December. */
    const sessionInFebruary = () => makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes: 60 * DAY_MINUTES, position: 2 });

    it('when the register or a paper sheet is saved before the start, then both are refused and nothing is stored; from the start it works', async () => {
      const session = await sessionInFebruary();
      const trainer = toAccountView(setting.trainer);
      const input = { cohortId: String(setting.cohort._id), sessionId: String(session._id) };
      const early = new Date(session.startsAt.getTime() - 60_000);
      const refusal = (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => error);
      expect(await refusal(saveRegister(trainer, { ...input, marks: [{ accountId: String(person(0, 0)._id), status: 'present' }], restPresent: true }, early)))
        .to.be.instanceOf(SessionNotStartedError);
      expect(await refusal(importSheet(trainer, { ...input, bytes: Buffer.from(`email;status\n${person(0, 0).email};til stede\n`) }, early)))
        .to.be.instanceOf(SessionNotStartedError);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
      expect(await AttendanceChange.countDocuments()).to.equal(0);

      expect(await saveRegister(trainer, { ...input, marks: [], restPresent: true }, session.startsAt)).to.equal(4);
    });

    it('when the trainer posts the register of a session that has not started, then 409, the page says from when, and nothing is stored', async () => {
      const session = await sessionInFebruary();
      const future = registerPath(setting.cohort._id, session._id);
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const page = await trainer.get(future).expect(200);
      expect(page.text).to.contain('Samlingen har ikke begynt ennå, så oppmøte kan ikke registreres.');
      expect(page.text).not.to.contain('Lagre oppmøtet');
      const response = await trainer.post(future).type('form').send({ _csrf: csrfFrom(page.text), [field(person(0, 0))]: 'present', intent: 'rest-present' });
      expect(response.status).to.equal(409);
      expect(response.text).to.contain('Samlingen har ikke begynt ennå, så oppmøte kan ikke registreres. Det kan registreres fra');
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });
  });

  describe('who may take the register', () => {
    it('when a participant opens or posts the register, then it is refused with 403 and nothing is stored', async () => {
      const participant = await signIn(t.app, person(0, 0).email, PASSWORD);
      expect((await participant.get(path)).status).to.equal(403);
      const token = csrfFrom((await participant.get('/dashboard')).text);
      const response = await participant.post(path).type('form').send({ _csrf: token, [field(person(0, 0))]: 'present' });
      expect(response.status).to.equal(403);
      expect(await AttendanceMark.countDocuments()).to.equal(0);
    });

    it('when a coordinator of another garden opens the register or the overview, then both are 403', async () => {
      const stranger = await makeAccount({ roles: ['coordinator'] });
      await makeGarden({ coordinatorIds: [stranger._id] });
      const agent = await signIn(t.app, stranger.email, PASSWORD);
      expect((await agent.get(path)).status).to.equal(403);
      expect((await agent.get(overviewPath(setting.cohort._id))).status).to.equal(403);
    });

    it('when a trainer of another cohort opens the register, then it is 403', async () => {
      const other = await makeAccount({ roles: ['trainer'] });
      const agent = await signIn(t.app, other.email, PASSWORD);
      expect((await agent.get(path)).status).to.equal(403);
    });

    it('when the garden’s own coordinator opens the register and the overview, then both are shown', async () => {
      const agent = await signIn(t.app, setting.coordinator.email, PASSWORD);
      await agent.get(path).expect(200);
      await agent.get(overviewPath(setting.cohort._id)).expect(200);
    });

    it('when the session belongs to another cohort, then the register is 404', async () => {
      const elsewhere = await makeSetting({ companies: 0 });
      const foreign = await makeSession(elsewhere.cohort, { now: t.clock.now(), startsInMinutes: 0 });
      const agent = await signIn(t.app, setting.trainer.email, PASSWORD);
      expect((await agent.get(registerPath(setting.cohort._id, foreign._id))).status).to.equal(404);
      expect((await agent.get(registerPath(setting.cohort._id, 'not-an-id'))).status).to.equal(404);
    });
  });
});
