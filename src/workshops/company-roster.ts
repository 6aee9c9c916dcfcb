import type { Types } from 'mongoose';
import { companyCard, personById } from '../accounts/queries.js';
import { representedSessionsByCompany } from '../attendance/queries.js';
import { NotFoundError } from '../shared/errors.js';
import { Enrolment, EnrolmentLog, Seat, WaitlistPlace } from './enrolment.model.js';
import type { WorkshopSessionDoc } from './cohort.model.js';
import { toObjectId } from '../shared/db/ids.js';

/*
 * The coordinator's roster reads only what FerretDB finds cheaply: finds on one
 * top-level field (cohortId) and lookups by _id. Each company costs one lookup
 * (its name and contact live on the company for that reason); every other read
 * is one command whatever the cohort's size. No $in: on FerretDB's SQLite
 * backend it reads every company or user there is.
 */

type HeldSession = Pick<WorkshopSessionDoc, '_id' | 'position' | 'startsAt' | 'status'>;
export type RosterStatus = 'enrolled' | 'waitlisted' | 'pending';

export interface RosterRow {
  companyId: string;
  name: string;
  orgNumber?: string;
  contactName?: string;
  contactEmail?: string;
  /** From the seat or waitlist place, never from the enrolment's status copy (see README). */
  status: RosterStatus;
  rank?: number;
  participants: number;
  /** Sessions held so far (started, not cancelled) at which the company was represented. */
  represented: number;
}

const ORDER: Record<RosterStatus, number> = { enrolled: 0, waitlisted: 1, pending: 2 };

/** Sessions that have started and were not cancelled: the "of n" of attendance so far. */
export const heldSoFar = (sessions: HeldSession[], now: Date) => sessions.filter((s) => s.status !== 'cancelled' && s.startsAt <= now);

/** One row per company in the cohort: enrolled by name, then the waitlist in order, then those still pending. */
export async function compactRoster(cohortId: Types.ObjectId, sessions: HeldSession[], now: Date): Promise<{ rows: RosterRow[]; enrolled: number; held: number }> {
  const [enrolments, seats, places, represented] = await Promise.all([
    Enrolment.find({ cohortId }, { companyId: 1, participantIds: 1 }).lean(),
    Seat.find({ cohortId }, { companyId: 1 }).lean(),
    WaitlistPlace.find({ cohortId }, { companyId: 1, position: 1 }).lean(),
    representedSessionsByCompany(cohortId),
  ]);
  const held = new Set(heldSoFar(sessions, now).map((s) => String(s._id)));
  const seated = new Set(seats.map((s) => String(s.companyId)));
  const ranks = new Map(places.sort((a, b) => a.position - b.position).map((p, i) => [String(p.companyId), i + 1]));
  const cards = await Promise.all(enrolments.map((e) => companyCard(e.companyId)));
  const rows = enrolments.map((e, i): RosterRow => {
    const companyId = String(e.companyId);
    const card = cards[i];
    const status: RosterStatus = seated.has(companyId) ? 'enrolled' : ranks.has(companyId) ? 'waitlisted' : 'pending';
    return {
      companyId, name: card?.name ?? '?', orgNumber: card?.orgNumber, contactName: card?.contactName, contactEmail: card?.contactEmail,
      status, rank: status === 'waitlisted' ? ranks.get(companyId) : undefined, participants: e.participantIds.length,
      represented: [...(represented.get(companyId) ?? [])].filter((id) => held.has(id)).length,
    };
  });
  rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.rank ?? 0) - (b.rank ?? 0) || a.name.localeCompare(b.name, 'nb', { numeric: true }));
  return { rows, enrolled: rows.filter((r) => r.status === 'enrolled').length, held: held.size };
}

/** One company's place in a cohort for its page: the roster row, its participants, the sessions it was at and its history. */
export async function companyInCohort(cohortId: Types.ObjectId, companyId: string, sessions: HeldSession[], now: Date) {
  const id = toObjectId(companyId);
  const enrolment = id && (await Enrolment.findOne({ cohortId, companyId: id }, { participantIds: 1 }).lean());
  // Not in this cohort: whether the company exists at all is none of this page's business.
  if (!id || !enrolment) throw new NotFoundError();
  const [card, seat, places, represented, log, people] = await Promise.all([
    companyCard(id),
    Seat.findOne({ cohortId, companyId: id }, { _id: 1 }).lean(),
    WaitlistPlace.find({ cohortId }, { companyId: 1, position: 1 }).lean(),
    representedSessionsByCompany(cohortId),
    EnrolmentLog.find({ cohortId, companyId: id }).lean(),
    Promise.all(enrolment.participantIds.map((p) => personById(p))),
  ]);
  const rank = places.sort((a, b) => a.position - b.position).findIndex((p) => p.companyId.equals(id)) + 1;
  const status: RosterStatus = seat ? 'enrolled' : rank ? 'waitlisted' : 'pending';
  const at = represented.get(companyId) ?? new Set<string>();
  const held = heldSoFar(sessions, now);
  return {
    company: { id: companyId, name: card?.name ?? '?', orgNumber: card?.orgNumber, contactName: card?.contactName, contactEmail: card?.contactEmail },
    status, rank: rank || undefined,
    participants: people.filter((p) => p !== undefined),
    represented: held.filter((s) => at.has(String(s._id))).length, held: held.length,
    sessions: sessions.map((s) => ({ id: String(s._id), position: s.position, startsAt: s.startsAt, cancelled: s.status === 'cancelled', represented: at.has(String(s._id)), held: held.includes(s) })),
    log: log.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((l) => ({ at: l.createdAt, change: l.change, reason: l.reason })),
  };
}
