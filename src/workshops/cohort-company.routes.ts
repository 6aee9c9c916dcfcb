import { Router, type Request } from 'express';
import { parseForm } from '../shared/forms.js';
import { requireRole } from '../shared/http/guards.js';
import { assertManagesCohort } from './access.js';
import { act } from './act.js';
import type { CohortsService } from './cohorts.service.js';
import { companyInCohort } from './company-roster.js';
import type { EnrolmentService } from './enrolment.service.js';
import { moveCompanySchema, reasonSchema } from './schemas.js';

const companyPath = (req: Request) => `/cohorts/${String(req.params.cohortId)}/companies/${String(req.params.companyId)}`;
const managePath = (req: Request) => `/cohorts/${String(req.params.cohortId)}/manage`;
/** After a removal or move the company has left the cohort: back to the roster. A refusal stays on the company's page. */
const afterLeaving = (req: Request, succeeded: boolean) => (succeeded ? managePath(req) : companyPath(req));

/** One company's page in a cohort, with the actions the compact roster leaves out: resend invites, move, remove. */
export function companyRoutes(deps: { cohorts: CohortsService; enrolment: EnrolmentService; now: () => Date }): Router {
  const router = Router();
  const managers = requireRole('coordinator', 'admin');

  router.get('/cohorts/:cohortId/companies/:companyId', ...managers, async (req, res) => {
    const { cohort, garden } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const [sessions, others] = await Promise.all([deps.cohorts.sessionsOf(cohort._id), deps.cohorts.otherCohortsInGarden(cohort)]);
    const page = await companyInCohort(cohort._id, String(req.params.companyId), sessions, deps.now());
    res.render('workshops/cohort-company', {
      ...page, pageTitle: page.company.name,
      cohort: { id: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended },
      garden: { name: garden.name },
      otherCohorts: others.map((o) => ({ id: String(o._id), title: o.title })),
    });
  });

  router.post('/cohorts/:cohortId/enrolments/:companyId/remove', ...managers, act(async (req) => {
    const { cohort } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const { reason } = parseForm(reasonSchema, req.body);
    await deps.enrolment.cancelEnrolment({ cohortId: cohort._id, companyId: String(req.params.companyId), actorId: req.account!.id, reason });
    return ['workshops.manage.removed'];
  }, { back: afterLeaving }));

  router.post('/cohorts/:cohortId/enrolments/:companyId/move', ...managers, act(async (req) => {
    const { cohort } = await assertManagesCohort(req.account!, String(req.params.cohortId));
    const { targetCohortId, reason } = parseForm(moveCompanySchema, req.body);
    await assertManagesCohort(req.account!, targetCohortId);
    await deps.enrolment.moveCompany({ fromCohortId: cohort._id, toCohortId: targetCohortId, companyId: String(req.params.companyId), actorId: req.account!.id, reason });
    return ['workshops.manage.moved'];
  }, { back: afterLeaving }));

  return router;
}
