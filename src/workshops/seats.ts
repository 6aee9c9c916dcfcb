import crypto from 'node:crypto';
import { trusted, type Types } from 'mongoose';
import { retryTransient as db } from '../shared/db/retry-transient.js';
import { insertOnce } from '../shared/db/claims.js';
import type { CohortDoc } from './cohort.model.js';
import { Seat, WaitlistPlace } from './enrolment.model.js';
import type { Id } from '../shared/db/ids.js';

/** The longest pause after losing the race for a waitlist position. */
const MAX_BACKOFF_MS = 1000;

/*
 * Seats and waitlist places are documents inserted under unique indexes (see
 * README, "why seats are documents"). Every step here may be run again, by a
 * retry after a lost answer or by someone finishing an abandoned enrolment:
 * it first looks for what an earlier run may have done.
 */

/** The company's seat number in the cohort, if it holds one. */
export async function seatOf(cohortId: Id, companyId: Id): Promise<number | undefined> {
  return (await db(() => Seat.findOne({ cohortId, companyId }, { seatNo: 1 }).lean()))?.seatNo;
}

/** The company's waitlist position in the cohort, if it waits. */
export async function placeOf(cohortId: Id, companyId: Id): Promise<number | undefined> {
  return (await db(() => WaitlistPlace.findOne({ cohortId, companyId }, { position: 1 }).lean()))?.position;
}

/**
 * Inserts a seat for the company. Returns its seat number and whether this call
 * claimed it (false: the company held it already), or undefined when the cohort is full.
 */
export async function claimSeat(cohort: Pick<CohortDoc, '_id' | 'capacity'>, companyId: Id): Promise<{ seatNo: number; claimed: boolean } | undefined> {
  // Each lost insert means another company took a seat (or this one holds one), so this ends within capacity + 1 rounds.
  for (;;) {
    const seats = await db(() => Seat.find({ cohortId: cohort._id }, { seatNo: 1, companyId: 1 }).lean());
    // Held already, perhaps from a try whose answer was lost.
    const held = seats.find((s) => String(s.companyId) === String(companyId));
    if (held) return { seatNo: held.seatNo, claimed: false };
    const taken = new Set(seats.map((s) => s.seatNo));
    const free = Array.from({ length: cohort.capacity }, (_, i) => i + 1).filter((n) => !taken.has(n));
    if (free.length === 0) return undefined;
    // A random free number, so companies arriving together do not all fight for the same one.
    const seatNo = free[crypto.randomInt(free.length)]!;
    if (await insertOnce(() => db(() => Seat.create({ cohortId: cohort._id, seatNo, companyId })))) return { seatNo, claimed: true };
  }
}

// The waitlist joins under way in this process, per cohort, chained one after the other.
const joining = new Map<string, Promise<unknown>>();

/**
 * Takes the next waitlist position, or returns the one the company holds;
 * positions are unique, so arrival order is strict. Within this process the
 * joins of one cohort take turns: a crowd that all read the same last position
 * would otherwise cost n² lost inserts. Other processes (the import, the seed)
 * are kept apart by the unique index alone.
 */
export function joinWaitlist(cohortId: Types.ObjectId, companyId: Id): Promise<number> {
  const key = String(cohortId);
  const turn = (joining.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => takePosition(cohortId, companyId));
  joining.set(key, turn);
  void turn.finally(() => { if (joining.get(key) === turn) joining.delete(key); }).catch(() => undefined);
  return turn;
}

async function takePosition(cohortId: Types.ObjectId, companyId: Id): Promise<number> {
  for (let lost = 0; ; lost += 1) {
    const own = await placeOf(cohortId, companyId);
    if (own !== undefined) return own;
    const last = await db(() => WaitlistPlace.findOne({ cohortId }, { position: 1 }).sort({ position: -1 }).lean());
    const position = (last?.position ?? 0) + 1;
    if (await insertOnce(() => db(() => WaitlistPlace.create({ cohortId, position, companyId })))) return position;
    // Lost to another process: pause a little longer each time, so two crowds do not collide in step.
    await new Promise((resolve) => setTimeout(resolve, crypto.randomInt(1 + Math.min(MAX_BACKOFF_MS, 5 * 2 ** lost))));
  }
}

/** The company's rank on the waitlist (1 = next in line), counting only the places before its own. */
export async function waitlistRank(cohortId: Id, companyId: Id): Promise<number | undefined> {
  const position = await placeOf(cohortId, companyId);
  if (position === undefined) return undefined;
  return 1 + (await db(() => WaitlistPlace.countDocuments({ cohortId, position: trusted({ $lt: position }) })));
}
