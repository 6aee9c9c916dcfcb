import { Router } from 'express';
import { ConflictError, ForbiddenError } from '../shared/errors.js';
import { flash } from '../shared/http/context.js';
import { requireAccount } from '../shared/http/guards.js';
import type { EnrolmentService } from './enrolment.service.js';
import { cohortPage, listUpcomingCohorts } from './listing.service.js';

/** The public listing of upcoming cohorts, cohort pages, and a company's own enrolment. */
export function listingRoutes(deps: { enrolment: EnrolmentService; now: () => Date }): Router {
  const router = Router();

  router.get('/workshops', async (req, res) => {
    const region = typeof req.query.region === 'string' && req.query.region ? req.query.region : undefined;
    res.render('workshops/listing', { ...(await listUpcomingCohorts(deps.now(), region)), region });
  });

  router.get('/workshops/:cohortId', async (req, res) => {
    const page = await cohortPage(String(req.params.cohortId), req.account, deps.now());
    res.render('workshops/cohort', { ...page, pageTitle: page.cohort.title });
  });

  router.post('/workshops/:cohortId/enrol', requireAccount, async (req, res) => {
    const account = req.account!;
    if (!account.companyId) throw new ForbiddenError('workshops.cohort.noCompany');
    const cohortId = String(req.params.cohortId);
    try {
      const outcome = await deps.enrolment.enrolCompany({ cohortId, companyId: account.companyId, participantIds: [account.id], actorId: account.id });
      if (outcome.status === 'enrolled') flash(req, 'success', 'workshops.enrolled');
      else flash(req, 'info', 'workshops.waitlisted', { rank: outcome.waitlistRank ?? 0 });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.messageKey, error.params);
    }
    res.redirect(`/workshops/${cohortId}`);
  });

  router.post('/workshops/:cohortId/join', requireAccount, async (req, res) => {
    const account = req.account!;
    if (!account.companyId) throw new ForbiddenError('workshops.cohort.noCompany');
    const cohortId = String(req.params.cohortId);
    try {
      await deps.enrolment.addParticipant({ cohortId, companyId: account.companyId, accountId: account.id });
      flash(req, 'success', 'workshops.joined');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.messageKey, error.params);
    }
    res.redirect(`/workshops/${cohortId}`);
  });

  router.post('/workshops/:cohortId/withdraw', requireAccount, async (req, res) => {
    const account = req.account!;
    if (!account.companyId) throw new ForbiddenError('workshops.cohort.noCompany');
    const cohortId = String(req.params.cohortId);
    await deps.enrolment.cancelEnrolment({ cohortId, companyId: account.companyId, actorId: account.id });
    flash(req, 'success', 'workshops.withdrawn');
    res.redirect(`/workshops/${cohortId}`);
  });

  return router;
}
