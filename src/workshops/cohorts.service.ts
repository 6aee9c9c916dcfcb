import { DateTime } from 'luxon';
import { trusted, Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { rolesByIds } from '../accounts/queries.js';
import type { CourseCatalogue } from '../courses/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { DomainEvents } from '../shared/events.js';
import { assertManagesCohort, assertManagesGarden } from './access.js';
import { applyCalendarChange, recordCalendarChange, sessionChangeId, wholeCohortChange, type NewCalendarChange } from './calendar-changes.js';
import { Cohort, WorkshopSession } from './cohort.model.js';
import type { EnrolmentService } from './enrolment.service.js';
import { assertNoClash, osloInterval, proposeSessions, type PlannedSession, type SkippedDay } from './schedule.js';
import { holidayOn } from './holidays.js';
import { HolidayMoveError } from './errors.js';
import { describePlan, type CohortPreview } from './preview.js';
import type { CreateCohortInput, SessionChangeInput, UpdateCohortInput } from './schemas.js';
import { idOrNotFound, toObjectId } from '../shared/db/ids.js';
import { NORWAY_ZONE } from '../shared/i18n/format.js';
import { isDraft, published } from './drafts.js';

/** Cohort use cases for coordinators: create with a proposed schedule, adjust, move and cancel sessions. */
export function createCohortsService(deps: { catalogue: CourseCatalogue; events: DomainEvents; enrolment: EnrolmentService; now: () => Date }) {
  /**
   * Records a change calendars show, stores it and lets the mail worker know.
   * Recording comes first: if the process dies after it, a restarted worker
   * stores what is missing and tells everyone (see calendar-changes.ts).
   */
  async function changeCalendars(change: NewCalendarChange, store?: () => Promise<unknown>): Promise<void> {
    await recordCalendarChange(change, deps.now());
    await store?.();
    await applyCalendarChange(change);
    await deps.events.publish({ type: 'calendar.changed', cohortId: String(change.cohortId), changeId: change._id });
  }

  async function assertTrainers(ids: string[]): Promise<Types.ObjectId[]> {
    const valid = ids.map(toObjectId).filter((id) => id !== undefined);
    const trainers = await rolesByIds(valid);
    if (trainers.length !== ids.length || trainers.some((t) => !t.roles.includes('trainer'))) {
      throw new ValidationError({ trainerIds: 'workshops.unknownTrainer' });
    }
    return trainers.map((t) => new Types.ObjectId(t.id));
  }

  /** Checks a new cohort's terms and proposes its sessions: the garden, course, room and trainers exist, and nothing clashes. */
  async function planCohort(actor: AccountView, input: CreateCohortInput) {
    const garden = await assertManagesGarden(actor, input.gardenId);
    const modules = deps.catalogue.moduleSlugs(input.courseSlug);
    if (!modules.length) throw new ValidationError({ courseSlug: 'forms.choose' });
    if (!garden.rooms.includes(input.room)) throw new ValidationError({ room: 'workshops.unknownRoom' });
    const trainerIds = await assertTrainers(input.trainerIds);
    const proposal = proposeSessions(input.startDate, modules.length, input.startTime, input.endTime);
    const sessions: PlannedSession[] = proposal.map((p, i) => ({ position: i + 1, room: input.room, ...osloInterval(p.date, p.start, p.end) }));
    await assertNoClash({ gardenId: garden._id, trainerIds, sessions });
    return { garden, modules, trainerIds, proposal, sessions };
  }

  return {
    /** The sessions a new cohort would get, checked as creating it checks them, without storing anything: the form's preview. */
    async previewCohort(actor: AccountView, input: CreateCohortInput): Promise<CohortPreview> {
      return describePlan(await planCohort(actor, input), input);
    },

    /**
     * Creates a cohort as a draft, with one session per module, weekly from the start date,
     * skipping public holidays. It is listed and enrolable once its coordinator publishes it.
     */
    async createCohort(actor: AccountView, input: CreateCohortInput): Promise<{ cohortId: string; skipped: SkippedDay[] }> {
      const plan = await planCohort(actor, input);
      const { garden, modules, trainerIds, sessions } = plan;
      const deadline = DateTime.fromISO(`${input.enrolmentDeadline}T23:59:59`, { zone: NORWAY_ZONE }).toJSDate();
      const cohort = await Cohort.create({
        gardenId: garden._id, courseSlug: input.courseSlug, title: input.title, capacity: input.capacity,
        participantsPerCompany: input.participantsPerCompany, enrolmentDeadline: deadline, trainerIds,
        minSessionsAttended: Math.min(input.minSessionsAttended, modules.length), draft: true,
      });
      const created = await WorkshopSession.insertMany(sessions.map((s) => ({
        ...s, cohortId: cohort._id, gardenId: garden._id, moduleSlug: modules[s.position - 1]!,
      })));
      for (const session of created) {
        await deps.events.publish({ type: 'session.scheduled', cohortId: String(cohort._id), sessionId: String(session._id) });
      }
      return { cohortId: String(cohort._id), skipped: describePlan(plan, input).skipped };
    },

    /**
     * Changes the date, times or room of sessions; each changed session is 'moved', one SEQUENCE up, and everyone enrolled is told.
     * A session moved onto a public holiday needs `onHolidays`: the coordinator is asked first, as it is more often a slip than a plan.
     */
    async rescheduleSessions(actor: AccountView, cohortId: string, changes: SessionChangeInput[], reason: string, options: { onHolidays?: boolean } = {}): Promise<number> {
      const { cohort, garden } = await assertManagesCohort(actor, cohortId);
      const stored = await WorkshopSession.find({ cohortId: cohort._id }).sort({ position: 1 }).lean();
      const changed = new Map<string, PlannedSession>();
      for (const change of changes) {
        const session = stored.find((s) => String(s._id) === change.sessionId);
        if (!session) throw new NotFoundError();
        if (!garden.rooms.includes(change.room)) throw new ValidationError({ [`room-${session.position}`]: 'workshops.unknownRoom' });
        const planned = { position: session.position, room: change.room, ...osloInterval(change.date, change.start, change.end) };
        const same = planned.startsAt.getTime() === session.startsAt.getTime() && planned.endsAt.getTime() === session.endsAt.getTime() && planned.room === session.room;
        if (!same) changed.set(String(session._id), planned);
      }
      if (!changed.size) return 0;
      const onHolidays = changes.filter((c) => changed.has(c.sessionId) && holidayOn(c.date))
        .map((c) => ({ position: changed.get(c.sessionId)!.position, date: c.date, holiday: holidayOn(c.date)! }));
      if (onHolidays.length && !options.onHolidays) throw new HolidayMoveError(onHolidays);
      const plan = stored.filter((s) => s.status !== 'cancelled').map((s) => changed.get(String(s._id)) ?? { position: s.position, room: s.room, startsAt: s.startsAt, endsAt: s.endsAt });
      await assertNoClash({ gardenId: garden._id, trainerIds: cohort.trainerIds, sessions: plan, ownCohortId: cohort._id });
      for (const [sessionId, planned] of changed) {
        const session = stored.find((s) => String(s._id) === sessionId)!;
        const sequence = (session.sequence ?? 0) + 1;
        await changeCalendars({
          _id: sessionChangeId(session._id, sequence), kind: 'moved', cohortId: cohort._id, reason,
          sessions: [{ sessionId: session._id, sequence, set: { startsAt: planned.startsAt, endsAt: planned.endsAt, room: planned.room, status: 'moved', changeReason: reason } }],
        });
      }
      return changed.size;
    },

    /** Cancels one session with a reason; it stays in feeds as cancelled, and everyone enrolled gets a CANCEL. */
    async cancelSession(actor: AccountView, cohortId: string, sessionId: string, reason: string): Promise<void> {
      const { cohort } = await assertManagesCohort(actor, cohortId);
      const session = await WorkshopSession.findOne({ _id: idOrNotFound(sessionId), cohortId: cohort._id }).lean();
      if (!session) throw new NotFoundError();
      if (session.status === 'cancelled') return;
      const sequence = (session.sequence ?? 0) + 1;
      await changeCalendars({
        _id: sessionChangeId(session._id, sequence), kind: 'cancelled', cohortId: cohort._id, reason,
        sessions: [{ sessionId: session._id, sequence, set: { status: 'cancelled', changeReason: reason } }],
      });
    },

    /** Updates a cohort's terms; capacity cannot drop below the seats taken, a rise promotes waiting companies, and a new title updates every calendar. */
    async updateCohort(actor: AccountView, cohortId: string, input: UpdateCohortInput): Promise<void> {
      const { cohort } = await assertManagesCohort(actor, cohortId);
      const taken = await deps.enrolment.seatsTaken(cohort._id);
      if (input.capacity < taken) throw new ConflictError('workshops.capacityBelowTaken', { taken });
      const trainerIds = await assertTrainers(input.trainerIds);
      if (trainerIds.some((id) => !cohort.trainerIds.some((old) => old.equals(id)))) {
        const sessions = await WorkshopSession.find({ cohortId: cohort._id, status: trusted({ $ne: 'cancelled' }) }).lean();
        await assertNoClash({ gardenId: cohort.gardenId, trainerIds, sessions, ownCohortId: cohort._id });
      }
      const store = () => Cohort.updateOne({ _id: cohort._id }, {
        title: input.title, capacity: input.capacity, participantsPerCompany: input.participantsPerCompany, trainerIds,
        enrolmentDeadline: DateTime.fromISO(`${input.enrolmentDeadline}T23:59:59`, { zone: NORWAY_ZONE }).toJSDate(),
        minSessionsAttended: input.minSessionsAttended,
      });
      // The title is in every event's summary: a new one is an update of every session.
      const change = input.title !== cohort.title ? await wholeCohortChange(cohort._id, { cohortSet: { title: input.title } }) : undefined;
      if (change) await changeCalendars(change, store);
      else await store();
      if (input.capacity > cohort.capacity) await deps.enrolment.promoteWaiting({ _id: cohort._id, capacity: input.capacity });
    },

    /** A cohort's sessions in order, for its manage page. */
    sessionsOf(cohortId: Types.ObjectId) {
      return WorkshopSession.find({ cohortId }).sort({ position: 1 }).lean();
    },

    /** The other published cohorts of the same garden (id and title), where a company can be moved. */
    async otherCohortsInGarden(cohort: { _id: Types.ObjectId; gardenId: Types.ObjectId }) {
      // Equality on gardenId alone, which FerretDB's PostgreSQL backend can push down; this cohort is left out here.
      const cohorts = await Cohort.find({ gardenId: cohort.gardenId }, { title: 1, draft: 1 }).lean();
      return published(cohorts).filter((c) => !c._id.equals(cohort._id));
    },

    /** Publishes a draft: from now on it is listed, enrolable and in calendars. Returns false when it was published already. */
    async publishCohort(actor: AccountView, cohortId: string): Promise<boolean> {
      const { cohort } = await assertManagesCohort(actor, cohortId);
      if (!isDraft(cohort)) return false;
      await Cohort.updateOne({ _id: cohort._id }, { $unset: { draft: 1 } });
      return true;
    },
  };
}

export type CohortsService = ReturnType<typeof createCohortsService>;
