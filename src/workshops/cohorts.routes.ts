import { Router, type Request, type Response } from 'express';
import { companyIdByOrgNumber } from '../accounts/queries.js';
import type { CourseCatalogue } from '../courses/index.js';
import { ValidationError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { requireRole } from '../shared/http/guards.js';
import { assertManagesCohort } from './access.js';
import { act } from './act.js';
import { companyRoutes } from './cohort-company.routes.js';
import { managePage, type ScheduleValues } from './cohort-manage.pages.js';
import { newCohortRoutes, skippedDay } from './cohort-new.routes.js';
import type { CohortsService } from './cohorts.service.js';
import type { EnrolmentService } from './enrolment.service.js';
import { HolidayMoveError } from './errors.js';
import { accountsWithRole } from './gardens.service.js';
import { enrolByOrgNumberSchema, reasonSchema, rescheduleSchema, updateCohortSchema } from './schemas.js';
import { DateTime } from 'luxon';
import { NORWAY_ZONE } from '../shared/i18n/format.js';

const asList = (value: unknown) => (value === undefined ? [] : [value].flat().map(String));

/** Coordinators create cohorts, publish them, adjust their schedule and terms, and manage the companies in them. */
export function cohortsRoutes(deps: { cohorts: CohortsService; enrolment: EnrolmentService; catalogue: CourseCatalogue; now: () => Date }): Router {
  const router = Router();
  router.use('/cohorts', requireRole('coordinator', 'admin', 'trainer'));
  const managers = requireRole('coordinator', 'admin');
  router.use(newCohortRoutes(deps));
  router.use(companyRoutes(deps));

  async function renderManage(req: Request, res: Response, typed?: ScheduleValues, holidays?: HolidayMoveError) {
    const { cohort, garden } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    await deps.enrolment.settleStale({ cohortId: cohort._id }).catch((err: unknown) => req.log.warn({ err }, 'pending enrolments not settled'));
    const page = await managePage({ cohort, garden, sessions: await deps.cohorts.sessionsOf(cohort._id), now: deps.now(), typed });
    const holidayDays = holidays?.days.map((d) => ({ position: d.position, day: skippedDay(d, req.lang) }));
    res.status(holidays ? 409 : 200).render('workshops/cohort-manage', { ...page, holidayDays, reason: typed ? req.body.reason : undefined });
  }

  router.get('/cohorts/:cohortId/manage', ...managers, (req, res) => renderManage(req, res));

  router.post('/cohorts/:cohortId/publish', ...managers, act(async (req) => {
    const done = await deps.cohorts.publishCohort(req.account!, String(req.params.cohortId));
    return [done ? 'workshops.draft.published' : 'workshops.draft.alreadyPublished'];
  }));

  router.get('/cohorts/:cohortId/terms', ...managers, async (req, res) => {
    const { cohort } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const trainers = await accountsWithRole('trainer');
    res.render('workshops/cohort-terms', {
      pageTitle: cohort.title,
      cohort: { ...cohort, id: String(cohort._id), deadline: DateTime.fromJSDate(cohort.enrolmentDeadline).setZone(NORWAY_ZONE).toISODate() },
      trainers: trainers.map((t) => ({ ...t, selected: cohort.trainerIds.some((id) => String(id) === t.id) })),
    });
  });

  // Whose cohort it is is settled before what was typed: a stranger gets 403/404, not a validation message.
  router.post('/cohorts/:cohortId', ...managers, act(async (req) => {
    await assertManagesCohort(req.account!, String(req.params.cohortId));
    await deps.cohorts.updateCohort(req.account!, String(req.params.cohortId), parseForm(updateCohortSchema, req.body));
    return ['workshops.manage.saved'];
  }));

  router.post('/cohorts/:cohortId/sessions', ...managers, async (req, res, next) => {
    const ids = asList(req.body.sessionId);
    const field = (name: string, i: number) => asList(req.body[name])[i];
    const sessions = ids.map((sessionId, i) => ({ sessionId, date: field('date', i), start: field('start', i), end: field('end', i), room: field('room', i) }));
    // A move onto a public holiday is shown again with what was typed, to be confirmed (see rescheduleSessions).
    const reschedule = act(async () => {
      const { reason, sessions: changes } = parseForm(rescheduleSchema, { reason: req.body.reason, sessions });
      const count = await deps.cohorts.rescheduleSessions(req.account!, String(req.params.cohortId), changes, reason, { onHolidays: req.body.onHolidays === 'yes' });
      return count ? ['workshops.manage.rescheduled', { count }] : ['workshops.manage.unchanged'];
    }, { rethrow: (error) => error instanceof HolidayMoveError });
    try {
      await reschedule(req, res);
    } catch (error) {
      if (!(error instanceof HolidayMoveError)) return next(error);
      await renderManage(req, res, new Map(sessions.map((s) => [s.sessionId, s])), error);
    }
  });

  router.post('/cohorts/:cohortId/sessions/:sessionId/cancel', ...managers, act(async (req) => {
    await assertManagesCohort(req.account!, String(req.params.cohortId));
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

  return router;
}

