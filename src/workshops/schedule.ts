import { DateTime } from 'luxon';
import { trusted, type Types } from 'mongoose';
import { namesByIds } from '../accounts/queries.js';
import { ConflictError } from '../shared/errors.js';
import { Cohort, WorkshopSession, type WorkshopSessionDoc } from './cohort.model.js';
import { holidayOn } from './holidays.js';
import { NORWAY_ZONE } from '../shared/i18n/format.js';

export interface ProposedSession {
  date: string;
  start: string;
  end: string;
}

export interface PlannedSession {
  position: number;
  startsAt: Date;
  endsAt: Date;
  room: string;
}

/** Turns a date and wall-clock times in Norway into instants. */
export function osloInterval(date: string, start: string, end: string): { startsAt: Date; endsAt: Date } {
  const at = (time: string) => DateTime.fromISO(`${date}T${time}`, { zone: NORWAY_ZONE });
  return { startsAt: at(start).toJSDate(), endsAt: at(end).toJSDate() };
}

/** A week the series passed over, and the public holiday that fell on it. */
export interface SkippedDay {
  date: string;
  holiday: string;
}

/**
 * Proposes `count` weekly afternoons from a start date (yyyy-MM-dd); a week whose
 * day is a Norwegian public holiday is skipped, and the series moves on a week.
 */
export function proposeSessions(startDate: string, count = 6, start = '16:00', end = '19:00'): Array<ProposedSession & { skipped?: SkippedDay[] }> {
  const proposed: Array<ProposedSession & { skipped?: SkippedDay[] }> = [];
  let day = DateTime.fromISO(startDate, { zone: NORWAY_ZONE });
  const skipped: SkippedDay[] = [];
  while (proposed.length < count) {
    const date = day.toISODate()!;
    const holiday = holidayOn(date);
    if (holiday) skipped.push({ date, holiday });
    else proposed.push({ date, start, end, skipped: skipped.length ? skipped.splice(0) : undefined });
    day = day.plus({ weeks: 1 });
  }
  return proposed;
}

const overlapFilter = (s: PlannedSession): Record<string, unknown> => ({
  startsAt: trusted({ $lt: s.endsAt }),
  endsAt: trusted({ $gt: s.startsAt }),
  status: trusted({ $ne: 'cancelled' }),
});

function describeWhen(s: { startsAt: Date; endsAt: Date }): string {
  const from = DateTime.fromJSDate(s.startsAt).setZone(NORWAY_ZONE);
  return `${from.toFormat('dd.MM.yyyy HH:mm')}–${DateTime.fromJSDate(s.endsAt).setZone(NORWAY_ZONE).toFormat('HH:mm')}`;
}

/**
 * Refuses a plan in which a room or a trainer is booked twice at overlapping
 * times, naming the clash. Sessions of `ownCohortId` are compared with the plan itself, not the stored ones.
 */
export async function assertNoClash(plan: { gardenId: Types.ObjectId; trainerIds: Types.ObjectId[]; sessions: PlannedSession[]; ownCohortId?: Types.ObjectId }): Promise<void> {
  for (const [i, a] of plan.sessions.entries()) {
    for (const b of plan.sessions.slice(i + 1)) {
      if (a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
        throw new ConflictError('workshops.clashWithin', { first: a.position, second: b.position });
      }
    }
    if (a.endsAt <= a.startsAt) throw new ConflictError('workshops.endsBeforeStart', { position: a.position });
  }
  const others: Record<string, unknown> = plan.ownCohortId ? { cohortId: trusted({ $ne: plan.ownCohortId }) } : {};
  const trainerCohorts = plan.trainerIds.length
    ? await Cohort.find({ trainerIds: trusted({ $in: plan.trainerIds }) }, { title: 1, trainerIds: 1 }).lean()
    : [];
  for (const session of plan.sessions) {
    const roomClash = await WorkshopSession.findOne<WorkshopSessionDoc>({ ...others, ...overlapFilter(session), gardenId: plan.gardenId, room: session.room }).lean();
    if (roomClash) {
      const cohort = await Cohort.findById(roomClash.cohortId, { title: 1 }).lean();
      throw new ConflictError('workshops.roomClash', { room: session.room, cohort: cohort?.title ?? '', when: describeWhen(roomClash) });
    }
    const cohortIds = trainerCohorts.map((c) => c._id).filter((id) => !plan.ownCohortId?.equals(id));
    if (!cohortIds.length) continue;
    const trainerClash = await WorkshopSession.findOne<WorkshopSessionDoc>({ ...overlapFilter(session), cohortId: trusted({ $in: cohortIds }) }).lean();
    if (trainerClash) {
      const cohort = trainerCohorts.find((c) => c._id.equals(trainerClash.cohortId))!;
      const trainerId = cohort.trainerIds.find((id) => plan.trainerIds.some((t) => t.equals(id)));
      const trainer = trainerId ? (await namesByIds([trainerId])).get(String(trainerId)) : undefined;
      throw new ConflictError('workshops.trainerClash', { trainer: trainer ?? '', cohort: cohort.title, when: describeWhen(trainerClash) });
    }
  }
}

/** Whether a day falls in the Christmas break (21 December – 3 January), when small companies are closed. */
function inChristmasBreak(day: DateTime): boolean {
  return (day.month === 12 && day.day >= 21) || (day.month === 1 && day.day <= 3);
}

/**
 * Where a new cohort's first afternoon is proposed: four weeks ahead, moved on to the
 * next weekday that is neither a public holiday nor in the Christmas break, so the
 * form never suggests a day the schedule itself would skip or nobody would come.
 */
export function defaultStartDate(now: Date): string {
  let day = DateTime.fromJSDate(now).setZone(NORWAY_ZONE).plus({ weeks: 4 }).startOf('day');
  while (day.weekday > 5 || inChristmasBreak(day) || holidayOn(day.toISODate()!)) day = day.plus({ days: 1 });
  return day.toISODate()!;
}
