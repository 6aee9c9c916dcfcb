import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { companyIdByOrgNumber } from '../accounts/queries.js';
import type { CourseCatalogue } from '../courses/index.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireRole } from '../shared/http/guards.js';
import { assertManagesCohort, assertManagesGarden } from './access.js';
import { NotEnrolledError } from './errors.js';
import type { CohortsService } from './cohorts.service.js';
import type { EnrolmentService } from './enrolment.service.js';
import { accountsWithRole } from './gardens.service.js';
import { enrolmentRoster } from './listing.service.js';
import { createCohortSchema, enrolByOrgNumberSchema, moveCompanySchema, reasonSchema, rescheduleSchema, updateCohortSchema } from './schemas.js';
import { formatDateTime, NORWAY_ZONE } from '../shared/i18n/format.js';
import { defaultStartDate } from './schedule.js';

const osloDate = (d: Date) => DateTime.fromJSDate(d).setZone(NORWAY_ZONE).toISODate()!;
const osloTime = (d: Date) => DateTime.fromJSDate(d).setZone(NORWAY_ZONE).toFormat('HH:mm');
const asList = (value: unknown) => (value === undefined ? [] : [value].flat().map(String));

/** Coordinators create cohorts, adjust their schedule and terms, and manage the companies in them. */
export function cohortsRoutes(deps: { cohorts: CohortsService; enrolment: EnrolmentService; catalogue: CourseCatalogue }): Router {
  const router = Router();
  router.use('/cohorts', requireRole('coordinator', 'admin', 'trainer'));
  const managers = requireRole('coordinator', 'admin');

  async function renderNewForm(req: Request, res: Response, gardenId: string, values: object, error?: unknown) {
    const garden = await assertManagesGarden(req.account!, gardenId);
    const context = {
      garden: { id: String(garden._id), name: garden.name, rooms: garden.rooms },
      courses: deps.catalogue.list(req.lang), trainers: await accountsWithRole('trainer'),
    };
    if (error) return renderInvalid(req, res, 'workshops/cohort-new', error, values, context);
    res.render('workshops/cohort-new', { ...context, values });
  }

  router.get('/cohorts/new', ...managers, async (req, res) => {
    const start = DateTime.fromISO(defaultStartDate(new Date()), { zone: NORWAY_ZONE });
    await renderNewForm(req, res, String(req.query.garden ?? ''), {
      startDate: start.toISODate(), enrolmentDeadline: start.minus({ weeks: 1 }).toISODate(), startTime: '16:00', endTime: '19:00',
      capacity: 20, participantsPerCompany: 2, minSessionsAttended: 5, courseSlug: 'digital-strategy',
    });
  });

  router.post('/cohorts', ...managers, async (req, res) => {
    try {
      const { cohortId, skipped } = await deps.cohorts.createCohort(req.account!, parseForm(createCohortSchema, req.body));
      flash(req, 'success', 'workshops.cohortForm.created');
      if (skipped.length) flash(req, 'info', 'workshops.cohortForm.skipped', { days: skipped.map((s) => `${formatDateTime(DateTime.fromISO(s.date, { zone: NORWAY_ZONE }).toJSDate(), req.lang, 'd. MMMM yyyy')} (${s.holiday})`).join(', ') });
      res.redirect(`/cohorts/${cohortId}/manage`);
    } catch (error) {
      await renderNewForm(req, res, String(req.body.gardenId), req.body, error);
    }
  });

  router.get('/cohorts/:cohortId/manage', ...managers, async (req, res) => {
    const { cohort, garden } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    await deps.enrolment.settleStale({ cohortId: cohort._id }).catch((err: unknown) => req.log.warn({ err }, 'pending enrolments not settled'));
    const [sessions, roster, trainers, others] = await Promise.all([
      deps.cohorts.sessionsOf(cohort._id),
      enrolmentRoster(cohort),
      accountsWithRole('trainer'),
      deps.cohorts.otherCohortsInGarden(cohort),
    ]);
    res.render('workshops/cohort-manage', {
      pageTitle: cohort.title,
      cohort: { ...cohort, id: String(cohort._id), deadline: osloDate(cohort.enrolmentDeadline) },
      garden: { name: garden.name, rooms: garden.rooms },
      sessions: sessions.map((s) => ({ id: String(s._id), position: s.position, date: osloDate(s.startsAt), start: osloTime(s.startsAt), end: osloTime(s.endsAt), room: s.room, status: s.status, rooms: garden.rooms.map((r) => ({ name: r, selected: r === s.room })) })),
      trainers: trainers.map((t) => ({ ...t, selected: cohort.trainerIds.some((id) => String(id) === t.id) })),
      roster, otherCohorts: others.map((o) => ({ id: String(o._id), title: o.title })),
    });
  });

  const back = (req: Request) => `/cohorts/${String(req.params.cohortId)}/manage`;
  /** Runs a management action; a refusal becomes a flash message on the manage page, losing nothing stored. */
  const act = (run: (req: Request) => Promise<[string, Record<string, string | number>?]>) => async (req: Request, res: Response) => {
    try {
      const [key, params] = await run(req);
      flash(req, 'success', key, params);
    } catch (error) {
      const explained = error instanceof ValidationError || error instanceof ConflictError || error instanceof NotEnrolledError;
      if (!explained) throw error;
      const keys = error instanceof ValidationError ? Object.values(error.fields) : [error.messageKey];
      for (const key of keys) flash(req, 'error', key, error.params);
    }
    res.redirect(back(req));
  };

  router.post('/cohorts/:cohortId', ...managers, act(async (req) => {
    await deps.cohorts.updateCohort(req.account!, String(req.params.cohortId), parseForm(updateCohortSchema, req.body));
    return ['workshops.manage.saved'];
  }));

  router.post('/cohorts/:cohortId/sessions', ...managers, act(async (req) => {
    const ids = asList(req.body.sessionId);
    const field = (name: string, i: number) => asList(req.body[name])[i];
    const sessions = ids.map((sessionId, i) => ({ sessionId, date: field('date', i), start: field('start', i), end: field('end', i), room: field('room', i) }));
    const { reason, sessions: changes } = parseForm(rescheduleSchema, { reason: req.body.reason, sessions });
    const count = await deps.cohorts.rescheduleSessions(req.account!, String(req.params.cohortId), changes, reason);
    return count ? ['workshops.manage.rescheduled', { count }] : ['workshops.manage.unchanged'];
  }));

  router.post('/cohorts/:cohortId/sessions/:sessionId/cancel', ...managers, act(async (req) => {
    const { reason } = parseForm(reasonSchema, req.body);
    await deps.cohorts.cancelSession(req.account!, String(req.params.cohortId), String(req.params.sessionId), reason);
    return ['workshops.manage.cancelled'];
  }));

  router.post('/cohorts/:cohortId/enrolments', ...managers, act(async (req) => {
    const { cohort } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const { orgNumber, reason } = parseForm(enrolByOrgNumberSchema, req.body);
    const companyId = await companyIdByOrgNumber(orgNumber);
    if (!companyId) throw new ValidationError({ orgNumber: 'workshops.companyNotFound' });
    const outcome = await deps.enrolment.enrolCompany({ cohortId: cohort._id, companyId, actorId: req.account!.id, reason, asCoordinator: true });
    return outcome.status === 'enrolled' ? ['workshops.enrolled'] : ['workshops.waitlisted', { rank: outcome.waitlistRank ?? 0 }];
  }));

  router.post('/cohorts/:cohortId/enrolments/:companyId/remove', ...managers, act(async (req) => {
    const { cohort } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const { reason } = parseForm(reasonSchema, req.body);
    await deps.enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: String(req.params.companyId), actorId: req.account!.id, reason });
    return ['workshops.manage.removed'];
  }));

  router.post('/cohorts/:cohortId/enrolments/:companyId/move', ...managers, act(async (req) => {
    const { cohort } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const { targetCohortId, reason } = parseForm(moveCompanySchema, req.body);
    await assertManagesCohort(req.account!, targetCohortId);
    await deps.enrolment.moveCompany({ fromCohortId: cohort._id, toCohortId: targetCohortId, companyId: String(req.params.companyId), actorId: req.account!.id, reason });
    return ['workshops.manage.moved'];
  }));

  return router;
}
