import type { Types } from 'mongoose';
import { unlessTaken } from '../shared/db/claims.js';
import { ConflictError } from '../shared/errors.js';
import { CalendarChange } from './calendar-change.model.js';
import { Cohort, WorkshopSession } from './cohort.model.js';
import { Garden } from './garden.model.js';
import type { Id } from '../shared/db/ids.js';


/** One session's part in a change: the SEQUENCE it gets and, for moves and cancellations, its new fields. */
export interface SessionStep {
  sessionId: Types.ObjectId;
  sequence: number;
  set?: Record<string, unknown>;
}

/** A change as the services record it; see calendar-change.model.ts. */
export interface NewCalendarChange {
  _id: string;
  kind: 'moved' | 'cancelled' | 'updated';
  cohortId: Types.ObjectId;
  sessions: SessionStep[];
  cohortSet?: Record<string, unknown>;
  gardenId?: Types.ObjectId;
  gardenSet?: Record<string, unknown>;
  reason?: string;
}

/** A recorded change as read back: with the people already told about it. */
export type StoredCalendarChange = NewCalendarChange & { told: string[]; createdAt: Date };

/** The id of one session's next change: its session and the SEQUENCE it gets. */
export const sessionChangeId = (sessionId: Id, sequence: number) => `session:${String(sessionId)}:${sequence}`;

/** The id of a change to every session of a cohort, named after the SEQUENCE its first session gets. */
export const cohortChangeId = (cohortId: Id, firstSequence: number) => `cohort:${String(cohortId)}:${firstSequence}`;

/**
 * Every session of a cohort one step up, as one change (a new title, a garden's
 * new address): calendars show these fields on every event. Undefined when the
 * cohort has no sessions.
 */
export async function wholeCohortChange(cohortId: Types.ObjectId, fields: Omit<NewCalendarChange, '_id' | 'kind' | 'cohortId' | 'sessions'>): Promise<NewCalendarChange | undefined> {
  const sessions = await WorkshopSession.find({ cohortId }, { sequence: 1, position: 1 }).sort({ position: 1 }).lean();
  if (!sessions.length) return undefined;
  const steps = sessions.map((s) => ({ sessionId: s._id, sequence: (s.sequence ?? 0) + 1 }));
  return { _id: cohortChangeId(cohortId, steps[0]!.sequence), kind: 'updated', cohortId, sessions: steps, ...fields };
}

/**
 * Records a change before it is stored: the insert is the point of no return,
 * after which the request or, if it dies, a restarted mail worker stores and
 * announces it. A change with the same id means someone else took the same step
 * first (or their request died half-way): theirs is finished, and this one is
 * refused so the coordinator looks again.
 */
export async function recordCalendarChange(change: NewCalendarChange, now: Date): Promise<void> {
  await unlessTaken(() => CalendarChange.create({ ...change, createdAt: now }), async () => {
    const existing = await CalendarChange.findById(change._id).lean<StoredCalendarChange>();
    if (existing) await applyCalendarChange(existing);
    throw new ConflictError('workshops.changedMeanwhile');
  });
}

/**
 * Stores a recorded change. Idempotent, so the request and a worker finishing
 * after a crash may both run it: values are absolute, each write goes by _id,
 * and a session already at (or past) its new SEQUENCE is left alone. The
 * SEQUENCE is written last: a session showing it has the whole change.
 */
export async function applyCalendarChange(change: Pick<NewCalendarChange, 'cohortId' | 'sessions' | 'cohortSet' | 'gardenId' | 'gardenSet'>): Promise<void> {
  const current = await Promise.all(change.sessions.map((s) => WorkshopSession.findById(s.sessionId, { sequence: 1 }).lean()));
  const pending = change.sessions.filter((s, i) => current[i] && (current[i]!.sequence ?? 0) < s.sequence);
  if (!pending.length) return;
  if (change.cohortSet) await Cohort.updateOne({ _id: change.cohortId }, { $set: change.cohortSet });
  if (change.gardenId && change.gardenSet) {
    // A name another garden took meanwhile stays refused; the address still reaches the calendars.
    await unlessTaken(() => Garden.updateOne({ _id: change.gardenId }, { $set: change.gardenSet }), () => undefined);
  }
  for (const step of pending) await WorkshopSession.updateOne({ _id: step.sessionId }, { $set: { ...step.set, sequence: step.sequence } });
}

/** Whether a later change of every session has overtaken this one (its own announcement tells people). */
export async function isOvertaken(change: Pick<NewCalendarChange, 'sessions'>): Promise<boolean> {
  const current = await Promise.all(change.sessions.map((s) => WorkshopSession.findById(s.sessionId, { sequence: 1 }).lean()));
  return change.sessions.every((s, i) => !current[i] || (current[i]!.sequence ?? 0) > s.sequence);
}

/** Changes not yet told to everyone, oldest first (finished ones are deleted, so this reads a small collection). */
export async function openCalendarChanges(limit = 20): Promise<StoredCalendarChange[]> {
  return CalendarChange.find({}).sort({ createdAt: 1 }).limit(limit).lean<StoredCalendarChange[]>();
}

/** One change by its id (a point lookup). */
export async function findCalendarChange(id: string): Promise<StoredCalendarChange | undefined> {
  return (await CalendarChange.findById(id).lean<StoredCalendarChange>()) ?? undefined;
}

/** Notes people whose email about the change is in the outbox, so a resumed fan-out skips them. */
export async function noteTold(id: string, userIds: string[]): Promise<void> {
  if (userIds.length) await CalendarChange.updateOne({ _id: id }, { $addToSet: { told: { $each: userIds } } });
}

/** Removes a change everyone has been told about. */
export async function finishCalendarChange(id: string): Promise<void> {
  await CalendarChange.deleteOne({ _id: id });
}
