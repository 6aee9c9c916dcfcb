import { Router, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import { isTransientDbError } from '../shared/db/retry-transient.js';
import type { AccountView } from '../accounts/index.js';
import { ConflictError, ForbiddenError } from '../shared/errors.js';
import { flash } from '../shared/http/context.js';
import { requireAccount } from '../shared/http/guards.js';
import type { EnrolmentService } from './enrolment.service.js';
import { cohortPage, listUpcomingCohorts } from './listing.service.js';
import type { MessageKey } from '../shared/i18n/index.js';

/** The public listing of upcoming cohorts, cohort pages, and a company's own enrolment. */
export function listingRoutes(deps: { enrolment: EnrolmentService; now: () => Date }): Router {
  const router = Router();

  router.get('/workshops', async (req, res) => {
    const region = typeof req.query.region === 'string' && req.query.region ? req.query.region : undefined;
    res.render('workshops/listing', { ...(await listUpcomingCohorts(deps.now(), region)), region });
  });

  router.get('/workshops/:cohortId', async (req, res) => {
    const cohortId = String(req.params.cohortId);
    const companyId = req.account?.companyId;
    // The company's enrolment left pending by a request that stopped half-way is finished here, so the page can tell the outcome.
    if (companyId && Types.ObjectId.isValid(cohortId)) {
      await deps.enrolment.settleStale({ cohortId, companyId }).catch((err: unknown) => req.log.warn({ err }, 'pending enrolment not settled'));
    }
    const page = await cohortPage(cohortId, req.account, deps.now());
    res.render('workshops/cohort', { ...page, pageTitle: page.cohort.title });
  });

  /** A company's own action on a cohort; a refusal (deadline, duplicate, limit) becomes a message on the cohort page. */
  const companyAction = (run: (account: AccountView & { companyId: string }, cohortId: string) => Promise<[MessageKey, Record<string, string | number>?]>) =>
    async (req: Request, res: Response) => {
      const account = req.account!;
      if (!account.companyId) throw new ForbiddenError('workshops.cohort.noCompany');
      const cohortId = String(req.params.cohortId);
      try {
        const [key, params] = await run({ ...account, companyId: account.companyId }, cohortId);
        flash(req, 'success', key, params);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        flash(req, 'error', error.messageKey, error.params);
      }
      res.redirect(`/workshops/${cohortId}`);
    };

  router.post('/workshops/:cohortId/enrol', requireAccount, companyAction(async (account, cohortId) => {
    const outcome = await deps.enrolment.enrolCompany({ cohortId, companyId: account.companyId, participantIds: [account.id], actorId: account.id })
      .catch((error: unknown) => {
        // Still failing after the retries: say so rather than guess; the enrolment is finished later (see settleStale).
        throw isTransientDbError(error) ? new ConflictError('workshops.enrolmentPending') : error;
      });
    return outcome.status === 'enrolled' ? ['workshops.enrolled'] : ['workshops.waitlisted', { rank: outcome.waitlistRank ?? 0 }];
  }));

  router.post('/workshops/:cohortId/join', requireAccount, companyAction(async (account, cohortId) => {
    await deps.enrolment.addParticipant({ cohortId, companyId: account.companyId, accountId: account.id });
    return ['workshops.joined'];
  }));

  router.post('/workshops/:cohortId/withdraw', requireAccount, companyAction(async (account, cohortId) => {
    await deps.enrolment.cancelEnrolment({ cohortId, companyId: account.companyId, actorId: account.id });
    return ['workshops.withdrawn'];
  }));

  return router;
}
