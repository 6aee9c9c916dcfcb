import crypto from 'node:crypto';
import type { Types } from 'mongoose';
import { ConflictError, isDuplicateKey, NotFoundError } from '../shared/errors.js';
import type { DomainEvents, EnrolmentChange } from '../shared/events.js';
import { Cohort, type CohortDoc } from './cohort.model.js';
import { Enrolment, EnrolmentLog, ParticipantSlot, Seat, WaitlistPlace } from './enrolment.model.js';
import { idOrNotFound } from '../shared/db/ids.js';
import { waitlistRank } from './queries.js';

export interface EnrolmentOutcome {
  status: 'enrolled' | 'waitlisted';
  waitlistRank?: number;
}

type Id = string | Types.ObjectId;

const PENDING_TIMEOUT_MS = 60_000;

export interface EnrolRequest {
  cohortId: Id;
  companyId: Id;
  participantIds?: Id[];
  actorId?: Id;
  reason?: string;
  /** Coordinators may enrol after the deadline; companies may not. */
  asCoordinator?: boolean;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = crypto.randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Enrolment with a waitlist. Every invariant rests on unique indexes and inserts,
 * because FerretDB's conditional updates are a read followed by a write:
 * a seat is a document (cohort, seat number), a waitlist place is a document
 * (cohort, position), and an enrolment is a document (cohort, company).
 */
export function createEnrolmentService(deps: { events: DomainEvents; now: () => Date }) {
  async function record(cohortId: Id, companyId: Id, change: EnrolmentChange, actorId?: Id, reason?: string) {
    await EnrolmentLog.create({ cohortId, companyId, change, actorId, reason });
    await deps.events.publish({ type: 'enrolment.changed', cohortId: String(cohortId), companyId: String(companyId), change, reason, actorId: actorId ? String(actorId) : undefined });
  }

  /** Inserts a seat for the company; 'has-seat' when it already holds one, undefined when the cohort is full. */
  async function claimSeat(cohort: Pick<CohortDoc, '_id' | 'capacity'>, companyId: Id): Promise<number | 'has-seat' | undefined> {
    const taken = new Set((await Seat.find({ cohortId: cohort._id }, { seatNo: 1 }).lean()).map((s) => s.seatNo));
    const free = shuffle(Array.from({ length: cohort.capacity }, (_, i) => i + 1).filter((n) => !taken.has(n)));
    for (const seatNo of free) {
      try {
        await Seat.create({ cohortId: cohort._id, seatNo, companyId });
        return seatNo;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await Seat.exists({ cohortId: cohort._id, companyId })) return 'has-seat';
      }
    }
    return undefined;
  }

  /** Takes the next waitlist position; positions are unique, so concurrent arrivals get a strict order. */
  async function joinWaitlist(cohortId: Types.ObjectId, companyId: Id): Promise<number> {
    for (;;) {
      const last = await WaitlistPlace.findOne({ cohortId }, { position: 1 }).sort({ position: -1 }).lean();
      const position = (last?.position ?? 0) + 1;
      try {
        await WaitlistPlace.create({ cohortId, position, companyId });
        return position;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const mine = await WaitlistPlace.findOne({ cohortId, companyId }, { position: 1 }).lean();
        if (mine) return mine.position;
      }
    }
  }

  /** Gives free seats to waiting companies in waitlist order until the cohort is full or nobody waits. */
  async function promoteWaiting(cohort: Pick<CohortDoc, '_id' | 'capacity'>): Promise<void> {
    const places = await WaitlistPlace.find({ cohortId: cohort._id }).sort({ position: 1 }).lean();
    for (const place of places) {
      const seat = await claimSeat(cohort, place.companyId);
      if (seat === undefined) return;
      await WaitlistPlace.deleteOne({ _id: place._id });
      if (seat === 'has-seat') continue;
      const updated = await Enrolment.updateOne(
        { cohortId: cohort._id, companyId: place.companyId },
        { $set: { status: 'enrolled', seatNo: seat }, $unset: { waitlistPosition: 1 } },
      );
      if (updated.matchedCount === 0) {
        // The company withdrew while we promoted it: give the seat back.
        await Seat.deleteOne({ cohortId: cohort._id, companyId: place.companyId });
        continue;
      }
      await record(cohort._id, place.companyId, 'promoted');
    }
  }

  /** Inserts a participant slot; true when the person holds one now, false when every slot is taken. */
  async function claimParticipantSlot(cohort: Pick<CohortDoc, '_id' | 'participantsPerCompany'>, companyId: Id, accountId: Id): Promise<boolean> {
    for (let slot = 1; slot <= cohort.participantsPerCompany; slot += 1) {
      try {
        await ParticipantSlot.create({ cohortId: cohort._id, companyId, slot, accountId });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await ParticipantSlot.exists({ cohortId: cohort._id, accountId })) return true;
      }
    }
    return false;
  }

  /**
   * Adds a person to the enrolment's participants. $addToSet is a read then a
   * write on FerretDB, so two joins at once could lose one: write until it stuck.
   */
  async function addToParticipants(cohortId: Types.ObjectId, companyId: Id, accountId: Id): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await Enrolment.updateOne({ cohortId, companyId }, { $addToSet: { participantIds: accountId } });
      const enrolment = await Enrolment.findOne({ cohortId, companyId }, { participantIds: 1 }).lean();
      if (!enrolment || enrolment.participantIds.some((id) => String(id) === String(accountId))) return;
    }
    throw new Error(`participant ${String(accountId)} could not be added to the enrolment`);
  }

  /** An enrolment left 'pending' for a minute was abandoned by a request that died half-way. */
  async function isAbandoned(cohortId: Types.ObjectId, companyId: Id): Promise<boolean> {
    const existing = await Enrolment.findOne({ cohortId, companyId }, { status: 1, updatedAt: 1 }).lean();
    return existing?.status === 'pending' && existing.updatedAt.getTime() < deps.now().getTime() - PENDING_TIMEOUT_MS;
  }

  async function loadCohort(cohortId: Id) {
    const cohort = await Cohort.findById(idOrNotFound(cohortId)).lean();
    if (!cohort) throw new NotFoundError();
    return cohort;
  }

  return {
    claimSeat,
    promoteWaiting,
    waitlistRank,

    /** Enrols a company: a free seat if there is one and nobody waits, otherwise the end of the waitlist. */
    async enrolCompany(request: EnrolRequest): Promise<EnrolmentOutcome> {
      const cohort = await loadCohort(request.cohortId);
      if (!request.asCoordinator && cohort.enrolmentDeadline <= deps.now()) throw new ConflictError('workshops.enrolmentClosed');
      try {
        await Enrolment.create({ cohortId: cohort._id, companyId: request.companyId, status: 'pending', participantIds: [] });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (!(await isAbandoned(cohort._id, request.companyId))) throw new ConflictError('workshops.alreadyEnrolled');
        // A request that died after recording the enrolment but before seating it: finish its work now.
      }
      for (const accountId of request.participantIds ?? []) {
        if (await claimParticipantSlot(cohort, request.companyId, accountId)) await addToParticipants(cohort._id, request.companyId, accountId);
      }
      const queueIsEmpty = !(await WaitlistPlace.exists({ cohortId: cohort._id }));
      const seat = queueIsEmpty ? await claimSeat(cohort, request.companyId) : undefined;
      if (typeof seat === 'number') {
        await Enrolment.updateOne({ cohortId: cohort._id, companyId: request.companyId }, { status: 'enrolled', seatNo: seat });
        await record(cohort._id, request.companyId, 'enrolled', request.actorId, request.reason);
        return { status: 'enrolled' };
      }
      const position = await joinWaitlist(cohort._id, request.companyId);
      await Enrolment.updateOne({ cohortId: cohort._id, companyId: request.companyId }, { status: 'waitlisted', waitlistPosition: position });
      await record(cohort._id, request.companyId, 'waitlisted', request.actorId, request.reason);
      // A seat may have come free while we queued; nobody must wait beside an empty chair.
      await promoteWaiting(cohort);
      const rank = await waitlistRank(cohort._id, request.companyId);
      return rank === undefined ? { status: 'enrolled' } : { status: 'waitlisted', waitlistRank: rank };
    },

    /** Removes a company from a cohort (seat or waitlist) and promotes the first waiting company. */
    async cancelEnrolment(request: { cohortId: Id; companyId: Id; actorId?: Id; reason?: string }): Promise<void> {
      const cohort = await loadCohort(request.cohortId);
      const enrolment = await Enrolment.findOne({ cohortId: cohort._id, companyId: request.companyId }).lean();
      if (!enrolment) throw new NotFoundError('workshops.notEnrolled');
      await WaitlistPlace.deleteOne({ cohortId: cohort._id, companyId: request.companyId });
      await Enrolment.deleteOne({ _id: enrolment._id });
      await ParticipantSlot.deleteMany({ cohortId: cohort._id, companyId: request.companyId });
      const freed = await Seat.deleteOne({ cohortId: cohort._id, companyId: request.companyId });
      await record(cohort._id, request.companyId, 'cancelled', request.actorId, request.reason);
      if (freed.deletedCount > 0) await promoteWaiting(cohort);
    },

    /** Moves a company to another cohort: enrolled there first, so a refusal changes nothing here. */
    async moveCompany(request: { fromCohortId: Id; toCohortId: Id; companyId: Id; actorId: Id; reason: string }): Promise<EnrolmentOutcome> {
      const current = await Enrolment.findOne({ cohortId: request.fromCohortId, companyId: request.companyId }).lean();
      if (!current) throw new NotFoundError('workshops.notEnrolled');
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
      if (!enrolment) throw new NotFoundError('workshops.notEnrolled');
      if (enrolment.participantIds.some((id) => String(id) === String(request.accountId))) return;
      if (!(await claimParticipantSlot(cohort, request.companyId, request.accountId))) {
        throw new ConflictError('workshops.participantLimit', { limit: cohort.participantsPerCompany });
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
