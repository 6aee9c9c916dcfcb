import { expect } from 'chai';
import { Types } from 'mongoose';
import { DomainEvents } from '../../src/shared/events.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { cohortIdsWhereEnrolled, cohortIdsWhereParticipant, enrolmentAsParticipant, sessionsOfCohort } from '../../src/workshops/queries.js';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { recordCommands, scansAmong } from '../support/command-budget.js';
import { makeCohort } from './fixtures.js';

describe('workshops', () => {
  let t: TestApp;
  const enrolment = createEnrolmentService({ events: new DomainEvents(), now: () => new Date() });
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('enrolments asked from the company or the person', () => {
    it('when a company enrols, adds a colleague, moves and withdraws, then its cohorts and its people\'s follow each step, by point lookups once read', async () => {
      const [first, second] = [await makeCohort({ capacity: 5 }), await makeCohort({ capacity: 5 })];
      const [companyId, owner, colleague] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
      expect(await cohortIdsWhereEnrolled(companyId)).to.deep.equal([]);
      expect(await cohortIdsWhereParticipant(owner)).to.deep.equal([]);

      await enrolment.enrolCompany({ cohortId: first._id, companyId, participantIds: [owner] });
      expect(await cohortIdsWhereEnrolled(companyId)).to.deep.equal([String(first._id)]);
      expect(await cohortIdsWhereParticipant(owner)).to.deep.equal([String(first._id)]);
      const read = await recordCommands(async () => [await cohortIdsWhereEnrolled(companyId), await enrolmentAsParticipant(owner, first._id)]);
      expect(read.result[1]).to.include({ cohortId: String(first._id), status: 'enrolled' });
      expect(scansAmong(read.commands)).to.deep.equal([]);

      await enrolment.addParticipant({ cohortId: first._id, companyId, accountId: colleague });
      expect(await cohortIdsWhereParticipant(colleague)).to.deep.equal([String(first._id)]);

      await enrolment.moveCompany({ fromCohortId: first._id, toCohortId: second._id, companyId, actorId: owner, reason: 'flytter' });
      expect(await cohortIdsWhereEnrolled(companyId)).to.deep.equal([String(second._id)]);
      expect(await cohortIdsWhereParticipant(colleague)).to.deep.equal([String(second._id)]);
      expect(await enrolmentAsParticipant(owner, first._id)).to.equal(undefined);

      // Taken off the list by a write that does not name them: the cache still lists the enrolment, the check drops it.
      await Enrolment.updateOne({ cohortId: second._id, companyId }, { $set: { participantIds: [owner] } });
      expect(await cohortIdsWhereParticipant(colleague)).to.deep.equal([]);

      await enrolment.cancelEnrolment({ cohortId: second._id, companyId });
      expect(await cohortIdsWhereEnrolled(companyId)).to.deep.equal([]);
      expect(await cohortIdsWhereParticipant(owner)).to.deep.equal([]);
    });

    it('when a session moves, then the cohort\'s sessions show it at the next read', async () => {
      const cohort = await makeCohort();
      const startsAt = new Date('2027-03-11T15:00:00Z');
      const session = await WorkshopSession.create({ cohortId: cohort._id, gardenId: cohort.gardenId, moduleSlug: 'm', position: 1, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), room: 'Storsalen' });
      expect((await sessionsOfCohort(cohort._id)).map((s) => s.room)).to.deep.equal(['Storsalen']);
      await WorkshopSession.updateOne({ _id: session._id }, { $set: { room: 'Lillesalen', status: 'moved' } });
      const [moved] = await sessionsOfCohort(cohort._id);
      expect(moved).to.include({ room: 'Lillesalen', status: 'moved' });
      expect(moved!.startsAt).to.be.instanceOf(Date);
      expect(moved).to.not.have.property('changeReason');
    });
  });
});
