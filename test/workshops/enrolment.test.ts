import { expect } from 'chai';
import { Types } from 'mongoose';
import { Enrolment, EnrolmentLog, Seat, WaitlistPlace } from '../../src/workshops/enrolment.model.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { DomainEvents } from '../../src/shared/events.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeCohort } from './fixtures.js';

describe('workshops', () => {
  let t: TestApp;
  const events = new DomainEvents();
  const enrolment = createEnrolmentService({ events, now: () => new Date() });
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  const companies = (n: number) => Array.from({ length: n }, () => new Types.ObjectId());

  describe('enrolCompany under concurrency', () => {
    // Two rounds of 100 against 20 seats: in each, 80 requests lose the race for a seat and then
    // fight over waitlist positions, which is what the invariants are about. Rounds of 200 took about
    // four times as long, as each lookup reads the whole seat and enrolment collections on FerretDB.
    const COMPANIES = 100;
    const CAPACITY = 20;
    const WAITING = COMPANIES - CAPACITY;
    for (let round = 1; round <= 2; round += 1) {
      it(`when ${COMPANIES} companies enrol at once in ${CAPACITY} seats (round ${round}), then exactly ${CAPACITY} are enrolled and ${WAITING} wait in a strict order`, async function () {
        this.timeout(120_000);
        const cohort = await makeCohort({ capacity: CAPACITY });
        const ids = companies(COMPANIES);
        const outcomes = await Promise.all(ids.map((companyId) => enrolment.enrolCompany({ cohortId: cohort._id, companyId })));

        expect(outcomes.filter((o) => o.status === 'enrolled')).to.have.length(CAPACITY);
        expect(outcomes.filter((o) => o.status === 'waitlisted')).to.have.length(WAITING);
        expect(await Seat.countDocuments({ cohortId: cohort._id })).to.equal(CAPACITY);
        expect(await Enrolment.countDocuments({ cohortId: cohort._id })).to.equal(COMPANIES);
        expect(await Enrolment.countDocuments({ cohortId: cohort._id, status: 'enrolled' })).to.equal(CAPACITY);
        const places = await WaitlistPlace.find({ cohortId: cohort._id }).sort({ position: 1 }).lean();
        expect(places.map((p) => p.position)).to.deep.equal(Array.from({ length: WAITING }, (_, i) => i + 1));
        const ranks = outcomes.map((o) => o.waitlistRank).filter((r) => r !== undefined).sort((a, b) => a! - b!);
        expect(ranks).to.deep.equal(Array.from({ length: WAITING }, (_, i) => i + 1));
        const seated = new Set((await Seat.find({ cohortId: cohort._id }).lean()).map((s) => String(s.companyId)));
        const waiting = new Set(places.map((p) => String(p.companyId)));
        expect([...seated].filter((id) => waiting.has(id))).to.deep.equal([]);
        expect(seated.size + waiting.size).to.equal(COMPANIES);
      });
    }

    it('when the same company enrols 30 times at once, then it has exactly one enrolment', async () => {
      const cohort = await makeCohort({ capacity: 5 });
      const companyId = new Types.ObjectId();
      const results = await Promise.allSettled(Array.from({ length: 30 }, () => enrolment.enrolCompany({ cohortId: cohort._id, companyId })));
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(await Enrolment.countDocuments({ cohortId: cohort._id, companyId })).to.equal(1);
      expect(await Seat.countDocuments({ cohortId: cohort._id })).to.equal(1);
    });
  });

  describe('cancelEnrolment', () => {
    it('when an enrolled company cancels, then the first waiting company gets its seat', async () => {
      const cohort = await makeCohort({ capacity: 2 });
      const [a, b, c, d] = companies(4);
      for (const id of [a, b, c, d]) await enrolment.enrolCompany({ cohortId: cohort._id, companyId: id! });
      await enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: a!, reason: 'sykdom' });
      expect((await Enrolment.findOne({ companyId: c }).lean())!.status).to.equal('enrolled');
      expect((await Enrolment.findOne({ companyId: d }).lean())!.status).to.equal('waitlisted');
      expect(await enrolment.waitlistRank(cohort._id, d!)).to.equal(1);
      expect(await EnrolmentLog.countDocuments({ cohortId: cohort._id, change: 'promoted', companyId: c })).to.equal(1);
    });

    it('when a withdrawal was cut off after freeing the seat, then withdrawing again finishes it and no seat is held by nobody', async () => {
      const cohort = await makeCohort({ capacity: 2 });
      const [a, b] = companies(2);
      for (const id of [a, b]) await enrolment.enrolCompany({ cohortId: cohort._id, companyId: id! });
      // Where a request cut off after its first write leaves things: the seat freed, the enrolment still there.
      await Seat.deleteOne({ cohortId: cohort._id, companyId: a });
      await enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: a!, reason: 'sykdom' });
      expect(await Enrolment.countDocuments({ cohortId: cohort._id, companyId: a })).to.equal(0);
      const seatHolders = (await Seat.find({ cohortId: cohort._id }).lean()).map((seat) => String(seat.companyId));
      const enrolled = (await Enrolment.find({ cohortId: cohort._id }).lean()).map((e) => String(e.companyId));
      expect(seatHolders.every((holder) => enrolled.includes(holder))).to.equal(true);
    });

    it('when two enrolled companies cancel at once, then exactly two waiting companies are promoted, the first two', async () => {
      for (let round = 0; round < 5; round += 1) {
        const cohort = await makeCohort({ capacity: 3 });
        const ids = companies(8);
        for (const id of ids) await enrolment.enrolCompany({ cohortId: cohort._id, companyId: id });
        await Promise.all([
          enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: ids[0]! }),
          enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: ids[1]! }),
        ]);
        const enrolled = await Enrolment.find({ cohortId: cohort._id, status: 'enrolled' }).lean();
        expect(enrolled.map((e) => String(e.companyId)).sort()).to.deep.equal([ids[2], ids[3], ids[4]].map(String).sort());
        expect(await Seat.countDocuments({ cohortId: cohort._id })).to.equal(3);
        expect(await EnrolmentLog.countDocuments({ cohortId: cohort._id, change: 'promoted' })).to.equal(2);
        expect(await WaitlistPlace.countDocuments({ cohortId: cohort._id })).to.equal(3);
      }
    });

    it('when a waiting company withdraws, then nobody is promoted and the rest move up', async () => {
      const cohort = await makeCohort({ capacity: 1 });
      const [a, b, c] = companies(3);
      for (const id of [a, b, c]) await enrolment.enrolCompany({ cohortId: cohort._id, companyId: id! });
      await enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: b! });
      expect(await enrolment.waitlistRank(cohort._id, c!)).to.equal(1);
      expect((await Enrolment.findOne({ companyId: a }).lean())!.status).to.equal('enrolled');
    });
  });

  describe('enrolment deadline', () => {
    it('when the deadline has passed, then a company cannot enrol itself but a coordinator can enrol it', async () => {
      const cohort = await makeCohort({ deadline: new Date(Date.now() - 1000) });
      const companyId = new Types.ObjectId();
      const refused = await enrolment.enrolCompany({ cohortId: cohort._id, companyId }).catch((e: Error) => e);
      expect(refused).to.be.instanceOf(Error).with.property('messageKey', 'workshops.enrolmentClosed');
      expect((await enrolment.enrolCompany({ cohortId: cohort._id, companyId, asCoordinator: true })).status).to.equal('enrolled');
    });
  });

  describe('moveCompany', () => {
    it('when a coordinator moves a company, then it leaves one cohort, joins the other, and the reason is logged', async () => {
      const from = await makeCohort({ capacity: 1 });
      const to = await makeCohort({ capacity: 5 });
      const [moved, waiting] = companies(2);
      await enrolment.enrolCompany({ cohortId: from._id, companyId: moved! });
      await enrolment.enrolCompany({ cohortId: from._id, companyId: waiting! });
      const actorId = new Types.ObjectId();
      await enrolment.moveCompany({ fromCohortId: from._id, toCohortId: to._id, companyId: moved!, actorId, reason: 'Nærmere hjemme' });
      expect(await Enrolment.exists({ cohortId: from._id, companyId: moved })).to.equal(null);
      expect((await Enrolment.findOne({ cohortId: to._id, companyId: moved }).lean())!.status).to.equal('enrolled');
      expect((await Enrolment.findOne({ cohortId: from._id, companyId: waiting }).lean())!.status).to.equal('enrolled');
      const log = await EnrolmentLog.findOne({ cohortId: from._id, companyId: moved, change: 'cancelled' }).lean();
      expect(log?.reason).to.equal('Nærmere hjemme');
      expect(String(log?.actorId)).to.equal(String(actorId));
    });
  });
});

describe('workshops', () => {
  describe('enrolCompany after a crash', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(); });
    after(async () => t.close());

    it('when an enrolment was left pending by a request that died, then a later request finishes it instead of refusing', async () => {
      const cohort = await makeCohort({ capacity: 3 });
      const companyId = new Types.ObjectId();
      await Enrolment.create({ cohortId: cohort._id, companyId, status: 'pending', participantIds: [] });
      const soon = createEnrolmentService({ events: new DomainEvents(), now: () => new Date() });
      const refused = await soon.enrolCompany({ cohortId: cohort._id, companyId }).catch((e: Error) => e);
      expect(refused).to.have.property('messageKey', 'workshops.alreadyEnrolled');
      const later = createEnrolmentService({ events: new DomainEvents(), now: () => new Date(Date.now() + 120_000) });
      expect((await later.enrolCompany({ cohortId: cohort._id, companyId })).status).to.equal('enrolled');
      expect(await Enrolment.countDocuments({ cohortId: cohort._id, companyId, status: 'enrolled' })).to.equal(1);
      expect(await Seat.countDocuments({ cohortId: cohort._id })).to.equal(1);
    });
  });
});

describe('workshops', () => {
  describe('addParticipant under concurrency', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(); });
    after(async () => t.close());

    it('when eight colleagues join at once and one place is left, then exactly one joins and nobody is lost from the list', async () => {
      const cohort = await makeCohort({ capacity: 3 });
      const enrolment = createEnrolmentService({ events: new DomainEvents(), now: () => new Date() });
      const companyId = new Types.ObjectId();
      const owner = new Types.ObjectId();
      await enrolment.enrolCompany({ cohortId: cohort._id, companyId, participantIds: [owner] });
      const colleagues = Array.from({ length: 8 }, () => new Types.ObjectId());
      const results = await Promise.allSettled(colleagues.map((accountId) => enrolment.addParticipant({ cohortId: cohort._id, companyId, accountId })));
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map((r) => r.reason.messageKey)).to.deep.equal(Array(7).fill('workshops.participantLimit'));
      const stored = await Enrolment.findOne({ cohortId: cohort._id, companyId }).lean();
      expect(stored!.participantIds).to.have.length(2);
      expect(stored!.participantIds.map(String)).to.include(String(owner));
    });

    it('when a company withdraws, then its places are free for its next enrolment', async () => {
      const cohort = await makeCohort({ capacity: 3 });
      const enrolment = createEnrolmentService({ events: new DomainEvents(), now: () => new Date() });
      const companyId = new Types.ObjectId();
      const people = [new Types.ObjectId(), new Types.ObjectId()];
      await enrolment.enrolCompany({ cohortId: cohort._id, companyId, participantIds: people });
      await enrolment.cancelEnrolment({ cohortId: cohort._id, companyId });
      await enrolment.enrolCompany({ cohortId: cohort._id, companyId, participantIds: [people[1]!] });
      await enrolment.addParticipant({ cohortId: cohort._id, companyId, accountId: people[0]! });
      expect((await Enrolment.findOne({ cohortId: cohort._id, companyId }).lean())!.participantIds).to.have.length(2);
    });
  });
});
