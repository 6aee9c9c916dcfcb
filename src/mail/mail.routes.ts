import { Router, type Request, type Response } from 'express';
import type { AccountView } from '../accounts/index.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { flash } from '../shared/http/context.js';
import { requireRole } from '../shared/http/guards.js';
import { NotEnrolledError } from '../workshops/index.js';
import { gardenIdsCoordinatedBy } from '../workshops/queries.js';
import type { Mailer } from './mailer.js';
import type { Notifications } from './notifications.js';
import { countOutbox, findMessage, listOutbox, OUTBOX_STATUSES, retryMessage, type OutboxStatus } from './outbox.js';

const isAdmin = (account: AccountView) => account.roles.includes('admin');

/** The gardens whose messages an account sees; undefined means every message (admins). */
async function visibleGardens(account: AccountView): Promise<string[] | undefined> {
  if (isAdmin(account)) return undefined;
  return gardenIdsCoordinatedBy(account.id);
}

/** The outbox page for coordinators (their gardens' messages) and admins (all), retries, and resending invitations. */
export function mailRoutes(deps: { notifications: Notifications; mailer: Mailer; now: () => Date; transportName: string }): Router {
  const router = Router();
  const staff = requireRole('coordinator', 'admin');

  async function renderOutbox(req: Request, res: Response, base: string) {
    const account = req.account!;
    const gardenIds = base === '/admin/mail' ? undefined : await visibleGardens(account);
    const status = OUTBOX_STATUSES.includes(req.query.status as OutboxStatus) ? (req.query.status as OutboxStatus) : undefined;
    const [messages, counts] = await Promise.all([listOutbox({ gardenIds, status, limit: 200 }), countOutbox(gardenIds)]);
    res.render('mail/outbox', {
      base, status, transport: isAdmin(account) ? deps.transportName : undefined,
      filters: OUTBOX_STATUSES.map((s) => ({ status: s, count: counts[s] ?? 0, current: s === status })),
      messages: messages.map((m) => ({
        id: String(m._id), to: m.to, subject: m.subject, status: m.status, attempts: m.attempts, lastError: m.lastError,
        createdAt: m.createdAt, notBefore: m.notBefore > m.createdAt ? m.notBefore : undefined, sentAt: m.sentAt,
        retryable: m.status === 'failed' || m.status === 'uncertain', calendar: m.calendar?.method,
      })),
    });
  }

  router.get('/outbox', ...staff, (req, res) => renderOutbox(req, res, '/outbox'));
  router.get('/admin/mail', ...requireRole('admin'), (req, res) => renderOutbox(req, res, '/admin/mail'));

  router.post('/outbox/:id/retry', ...staff, async (req, res) => {
    const message = await findMessage(String(req.params.id));
    if (!message) throw new NotFoundError();
    const gardens = await visibleGardens(req.account!);
    if (gardens && !gardens.includes(String(message.gardenId))) throw new ForbiddenError();
    const queued = await retryMessage(message._id, deps.now());
    if (queued) deps.mailer.wake?.();
    flash(req, queued ? 'success' : 'info', queued ? 'mail.outbox.retried' : 'mail.outbox.notRetryable');
    const back = req.body.back === '/admin/mail' ? '/admin/mail' : '/outbox';
    res.redirect(back);
  });

  router.post('/cohorts/:cohortId/enrolments/:companyId/invites', ...staff, async (req, res) => {
    try {
      const count = await deps.notifications.resendInvites(req.account!, String(req.params.cohortId), String(req.params.companyId));
      flash(req, 'success', 'mail.invites.resent', { count });
    } catch (error) {
      // A company that left meanwhile is explained on the manage page; a stranger still gets 403/404.
      if (!(error instanceof NotEnrolledError)) throw error;
      flash(req, 'error', error.messageKey);
      return res.redirect(`/cohorts/${String(req.params.cohortId)}/manage`);
    }
    // Back to the company's page in the cohort, where the button is.
    res.redirect(`/cohorts/${String(req.params.cohortId)}/companies/${String(req.params.companyId)}`);
  });

  return router;
}
