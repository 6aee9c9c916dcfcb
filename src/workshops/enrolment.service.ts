import { trusted, Types } from 'mongoose';
import { retryTransient as db } from '../shared/db/retry-transient.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { DomainEvents, EnrolmentChange } from '../shared/events.js';
import { Cohort, type CohortDoc } from './cohort.model.js';
import { AlreadyEnrolledError, NotEnrolledError, ParticipantLimitError } from './errors.js';
import { Enrolment, EnrolmentLog, ParticipantSlot, Seat, WaitlistPlace, type EnrolmentDoc } from './enrolment.model.js';
import { claimSeat, joinWaitlist, placeOf, seatOf, waitlistRank } from './seats.js';
import { type Id, idOrNotFound } from '../shared/db/ids.js';
import { claimFirstFree, insertOnce } from '../shared/db/claims.js';
import { isDraft } from './drafts.js';

export interface EnrolmentOutcome {
  status: 'enrolled' | 'waitlisted';
  waitlistRank?: number;
}

type SeatingCohort = Pick<CohortDoc, '_id' | 'capacity'>;

/** A pending enrolment this old is finished by whoever meets it; a younger one is left to the request still working on it. */
export const PENDING_GRACE_MS = 30_000;

export interface EnrolRequest {
  cohortId: Id;
  companyId: Id;
  participantIds?: Id[];
  actorId?: Id;
  reason?: string;
  /** Coordinators may enrol after the deadline; companies may not. */
  asCoordinator?: boolean;
}

/**
 * Enrolment with a waitlist. Every invariant rests on unique indexes and inserts,
 * because FerretDB's conditional updates are a read followed by a write:
 * a seat is a document (cohort, seat number), a waitlist place is a document
 * (cohort, position), and an enrolment is a document (cohort, company).
 *
 * An enrolment is `pending` from its insert until its seat or waitlist place is
 * taken and recorded. Each step may be repeated (after a transient database
 * error, or by someone finishing an enrolment whose request stopped half-way),
 * so `settle` brings a pending enrolment to the same end whoever runs it.
 */
export function createEnrolmentService(deps: { events: DomainEvents; now: () => Date }) {
  async function record(cohortId: Id, companyId: Id, change: EnrolmentChange, actorId?: Id, reason?: string) {
    await db(() => deps.events.publish({ type: 'enrolment.changed', cohortId: String(cohortId), companyId: String(companyId), change, reason, actorId: actorId ? String(actorId) : undefined }));
    await db(() => EnrolmentLog.create({ cohortId, companyId, change, actorId, reason }));
  }

  /**
   * Records the outcome of an enrolment unless the log has it already: the emails
   * go first and the log entry last, so a run that stopped between them is
   * recorded again (an email twice) rather than not at all.
   */
  async function recordOutcome(enrolment: EnrolmentDoc, change: 'enrolled' | 'waitlisted', actorId?: Id, reason?: string) {
    const done = await db(() => EnrolmentLog.exists({
      cohortId: enrolment.cohortId, companyId: enrolment.companyId,
      change: trusted({ $in: ['enrolled', 'waitlisted'] }), createdAt: trusted({ $gte: enrolment.createdAt }),
    }));
    if (!done) await record(enrolment.cohortId, enrolment.companyId, change, actorId, reason);
  }

  /**
   * Writes the enrolment's status from the documents that decide it: a seat means
   * enrolled, a waitlist place waitlisted. FerretDB rewrites the whole document on
   * every update, so a concurrent update can put an old status back: write until
   * the stored status agrees.
   */
  async function syncStatus(cohortId: Types.ObjectId, companyId: Id): Promise<void> {
    const [seatNo, position] = await Promise.all([seatOf(cohortId, companyId), placeOf(cohortId, companyId)]);
    if (seatNo === undefined && position === undefined) return;
    const wanted = seatNo !== undefined ? { status: 'enrolled', seatNo, waitlistPosition: undefined } : { status: 'waitlisted', seatNo: undefined, waitlistPosition: position };
    const update = seatNo !== undefined
      ? { $set: { status: 'enrolled', seatNo }, $unset: { waitlistPosition: 1 } }
      : { $set: { status: 'waitlisted', waitlistPosition: position }, $unset: { seatNo: 1 } };
    let enrolment = await db(() => Enrolment.findOne({ cohortId, companyId }, { status: 1, seatNo: 1, waitlistPosition: 1 }).lean());
    for (let attempt = 0; enrolment && attempt < 10; attempt += 1) {
      const agrees = enrolment.status === wanted.status && (enrolment.seatNo ?? undefined) === wanted.seatNo && (enrolment.waitlistPosition ?? undefined) === wanted.waitlistPosition;
      if (agrees) return;
      const id = enrolment._id;
      await db(() => Enrolment.updateOne({ _id: id }, update));
      // Read back by _id (the one filter FerretDB's SQLite looks up directly); a later change of seat or place syncs itself.
      enrolment = await db(() => Enrolment.findById(id, { status: 1, seatNo: 1, waitlistPosition: 1 }).lean());
    }
    if (enrolment) throw new Error(`the status of enrolment ${String(companyId)} in ${String(cohortId)} did not settle`);
  }

  /** Gives free seats to waiting companies in waitlist order until the cohort is full or nobody waits. */
  async function promoteWaiting(cohort: SeatingCohort): Promise<void> {
    const places = await db(() => WaitlistPlace.find({ cohortId: cohort._id }).sort({ position: 1 }).lean());
    for (const place of places) {
      const seat = await claimSeat(cohort, place.companyId);
      if (!seat) return;
      await db(() => WaitlistPlace.deleteOne({ _id: place._id }));
      if (!(await db(() => Enrolment.exists({ cohortId: cohort._id, companyId: place.companyId })))) {
        // The company withdrew while we promoted it: give the seat back.
        await db(() => Seat.deleteOne({ cohortId: cohort._id, companyId: place.companyId }));
        continue;
      }
      await syncStatus(cohort._id, place.companyId);
      if (seat.claimed) await record(cohort._id, place.companyId, 'promoted');
    }
  }

  /**
   * Finishes a pending enrolment: keeps the seat or waitlist place it holds, or
   * takes one (a seat only when nobody waits), records the outcome, then marks
   * it. Returns the company's state, or undefined when it withdrew meanwhile.
   */
  async function settle(cohort: SeatingCohort, enrolment: EnrolmentDoc, actorId?: Id, reason?: string): Promise<EnrolmentOutcome | undefined> {
    const { companyId } = enrolment;
    let seatNo = await seatOf(cohort._id, companyId);
    if (seatNo === undefined && (await placeOf(cohort._id, companyId)) === undefined) {
      const queueIsEmpty = !(await db(() => WaitlistPlace.exists({ cohortId: cohort._id })));
      seatNo = queueIsEmpty ? (await claimSeat(cohort, companyId))?.seatNo : undefined;
      if (seatNo === undefined) await joinWaitlist(cohort._id, companyId);
    }
    // Two finishers at once may have taken both; the seat wins, so nobody waits for what they have.
    if (seatNo !== undefined) await db(() => WaitlistPlace.deleteOne({ cohortId: cohort._id, companyId }));
    if (!(await db(() => Enrolment.exists({ _id: enrolment._id })))) {
      await db(() => WaitlistPlace.deleteOne({ cohortId: cohort._id, companyId }));
      await db(() => Seat.deleteOne({ cohortId: cohort._id, companyId }));
      return undefined;
    }
    await recordOutcome(enrolment, seatNo !== undefined ? 'enrolled' : 'waitlisted', actorId, reason);
    await syncStatus(cohort._id, companyId);
    // A seat may have come free while we queued; nobody must wait beside an empty chair.
    if (seatNo === undefined) await promoteWaiting(cohort);
    return stateOf(cohort._id, companyId);
  }

  /** What the company holds now: a seat, or a waitlist place with its rank. */
  async function stateOf(cohortId: Id, companyId: Id): Promise<EnrolmentOutcome | undefined> {
    if ((await seatOf(cohortId, companyId)) !== undefined) return { status: 'enrolled' };
    const rank = await waitlistRank(cohortId, companyId);
    return rank === undefined ? undefined : { status: 'waitlisted', waitlistRank: rank };
  }

  /** Inserts a participant slot; true when the person holds one now, false when every slot is taken. */
  async function claimParticipantSlot(cohort: Pick<CohortDoc, '_id' | 'participantsPerCompany'>, companyId: Id, accountId: Id): Promise<boolean> {
    const slots = Array.from({ length: cohort.participantsPerCompany }, (_, i) => i + 1);
    const holdsOne = async () => (await db(() => ParticipantSlot.exists({ cohortId: cohort._id, accountId }))) !== null;
    const claimed = await claimFirstFree(slots, (slot) => db(() => ParticipantSlot.create({ cohortId: cohort._id, companyId, slot, accountId })), holdsOne);
    return claimed !== undefined || (await holdsOne());
  }

  /**
   * Adds a person to the enrolment's participants. $addToSet is a read then a
   * write on FerretDB, so two joins at once could lose one: write until it stuck.
   */
  async function addToParticipants(cohortId: Types.ObjectId, companyId: Id, accountId: Id): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await db(() => Enrolment.updateOne({ cohortId, companyId }, { $addToSet: { participantIds: accountId } }));
      const enrolment = await db(() => Enrolment.findOne({ cohortId, companyId }, { participantIds: 1 }).lean());
      if (!enrolment || enrolment.participantIds.some((id) => String(id) === String(accountId))) return;
    }
    throw new Error(`participant ${String(accountId)} could not be added to the enrolment`);
  }

  /**
   * Inserts the pending enrolment under a chosen id, so a retry whose first try
   * did insert recognises its own document rather than taking it for another request's.
   */
  async function openEnrolment(cohortId: Types.ObjectId, companyId: Id): Promise<{ enrolment: EnrolmentDoc; mine: boolean }> {
    const _id = new Types.ObjectId();
    await insertOnce(() => db(() => Enrolment.create({ _id, cohortId, companyId, status: 'pending', participantIds: [] })));
    const enrolment = await db(() => Enrolment.findOne({ cohortId, companyId }).lean());
    // Withdrawn in the instant between: as if it had never been.
    if (!enrolment) return openEnrolment(cohortId, companyId);
    return { enrolment, mine: enrolment._id.equals(_id) };
  }

  async function loadCohort(cohortId: Id) {
    const id = idOrNotFound(cohortId);
    const cohort = await db(() => Cohort.findById(id).lean());
    if (!cohort) throw new NotFoundError();
    return cohort;
  }

  const isStale = (enrolment: EnrolmentDoc) => enrolment.updatedAt.getTime() < deps.now().getTime() - PENDING_GRACE_MS;

  /** Finishes the pending enrolments a page or a sweep meets (of one cohort, and of one company) once they are past the grace time. */
  async function settleStale(filter: { cohortId?: Id; companyId?: Id }): Promise<number> {
    const pending = await db(() => Enrolment.find({ ...filter, status: 'pending' }).lean());
    let settled = 0;
    for (const enrolment of pending.filter(isStale)) {
      const cohort = await db(() => Cohort.findById(enrolment.cohortId, { capacity: 1 }).lean());
      if (cohort && (await settle(cohort, enrolment))) settled += 1;
    }
    return settled;
  }

  return {
    promoteWaiting,
    waitlistRank,
    settleStale,

    /**
     * Enrols a company: a free seat if there is one and nobody waits, otherwise
     * the end of the waitlist. Returns the state the company ends in.
     */
    async enrolCompany(request: EnrolRequest): Promise<EnrolmentOutcome> {
      const cohort = await loadCohort(request.cohortId);
      // A draft is not there for companies (404); its coordinator is told to publish it first.
      if (isDraft(cohort)) throw request.asCoordinator ? new ConflictError('workshops.draft.notEnrolable') : new NotFoundError();
      if (!request.asCoordinator && cohort.enrolmentDeadline <= deps.now()) throw new ConflictError('workshops.enrolmentClosed');
      const { enrolment, mine } = await openEnrolment(cohort._id, request.companyId);
      // Another request's enrolment: refused, unless it was left pending by a request that stopped half-way; then finish it.
      if (!mine && !(enrolment.status === 'pending' && isStale(enrolment))) throw new AlreadyEnrolledError();
      for (const accountId of request.participantIds ?? []) {
        if (await claimParticipantSlot(cohort, request.companyId, accountId)) await addToParticipants(cohort._id, request.companyId, accountId);
      }
      const outcome = await settle(cohort, enrolment, request.actorId, request.reason);
      if (!outcome) throw new ConflictError('workshops.notEnrolled');
      return outcome;
    },

    /** Removes a company from a cohort (seat or waitlist) and promotes the first waiting company. */
    async cancelEnrolment(request: { cohortId: Id; companyId: Id; actorId?: Id; reason?: string }): Promise<void> {
      const cohort = await loadCohort(request.cohortId);
      const enrolment = await db(() => Enrolment.findOne({ cohortId: cohort._id, companyId: request.companyId }).lean());
      if (!enrolment) throw new NotEnrolledError();
      // The enrolment goes last: a request cut off half-way leaves it in place, so withdrawing again finishes the job,
      // where deleting it first could leave a seat held by nobody, lost to the cohort for good.
      const freed = await db(() => Seat.deleteOne({ cohortId: cohort._id, companyId: request.companyId }));
      await db(() => WaitlistPlace.deleteOne({ cohortId: cohort._id, companyId: request.companyId }));
      await db(() => ParticipantSlot.deleteMany({ cohortId: cohort._id, companyId: request.companyId }));
      await db(() => Enrolment.deleteOne({ _id: enrolment._id }));
      await record(cohort._id, request.companyId, 'cancelled', request.actorId, request.reason);
      if (freed.deletedCount > 0) await promoteWaiting(cohort);
    },

    /** Moves a company to another cohort: enrolled there first, so a refusal changes nothing here. */
    async moveCompany(request: { fromCohortId: Id; toCohortId: Id; companyId: Id; actorId: Id; reason: string }): Promise<EnrolmentOutcome> {
      const current = await Enrolment.findOne({ cohortId: request.fromCohortId, companyId: request.companyId }).lean();
      if (!current) throw new NotEnrolledError();
      const outcome = await this.enrolCompany({
        cohortId: request.toCohortId, companyId: request.companyId, participantIds: current.participantIds,
        actorId: request.actorId, reason: request.reason, asCoordinator: true,
      });
      await this.cancelEnrolment({ cohortId: request.fromCohortId, companyId: request.companyId, actorId: request.actorId, reason: request.reason });
      return outcome;
    },

    /** Adds a colleague to the company's enrolment, up to the cohort's limit per company. */
    async addParticipant(request: { cohortId: Id; companyId: Id; accountId: Id }): Promise<void> {
      const cohort = await loadCohort(request.cohortId);
      const enrolment = await Enrolment.findOne({ cohortId: cohort._id, companyId: request.companyId }).lean();
      if (!enrolment) throw new NotEnrolledError();
      if (enrolment.participantIds.some((id) => String(id) === String(request.accountId))) return;
      if (!(await claimParticipantSlot(cohort, request.companyId, request.accountId))) {
        throw new ParticipantLimitError(cohort.participantsPerCompany);
      }
      await addToParticipants(cohort._id, request.companyId, request.accountId);
      await record(cohort._id, request.companyId, 'joined', request.accountId);
    },

    async seatsTaken(cohortId: Id): Promise<number> {
      return Seat.countDocuments({ cohortId });
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
