import type { AccountView } from '../accounts/index.js';
import { Router, type Request, type Response } from 'express';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { requireAccount, requireRole } from '../shared/http/guards.js';
import { accountsWithRole } from '../accounts/queries.js';
import { IncompleteStrategyError } from './completeness.js';
import { overviewPage, sectionList, strategyPaths } from './strategy.pages.js';
import { assignReviewerSchema, reviewSchema } from './schemas.js';
import { renderWithPartials } from './views.js';
import { renderOverview, type WorkbookRoutesDeps } from './workbook.routes.js';
import type { MessageKey } from '../shared/i18n/index.js';
import type { StrategyStatus } from './index.js';

const DECIDED = { comment: 'strategies.review.commented', changes: 'strategies.review.changesRequested', approve: 'strategies.review.approved' } as const;

/** A refusal the person can act on (a conflict or a bad form), as an error summary entry. */
function refusal(req: Request, error: unknown) {
  if (error instanceof IncompleteStrategyError) return [{ field: 'form', message: req.t(error.messageKey, { sections: sectionList(req.t, error.sections) }) }];
  if (error instanceof ConflictError) return [{ field: 'form', message: req.t(error.messageKey, error.params) }];
  if (error instanceof ValidationError) return Object.entries(error.fields).map(([field, key]) => ({ field, message: req.t(key) }));
  throw error;
}

/** Submitting, the trainer's review page and decision, reopening, the review queue and reviewer assignment. */
export function reviewRoutes(deps: WorkbookRoutesDeps): Router {
  const { review, workbook, catalogue } = deps;
  const router = Router();
  const id = (req: Request) => String(req.params.id);

  /** A status change from the overview page: done, it says so; refused, the overview explains why. */
  const transition = (change: (actor: AccountView, strategyId: string) => Promise<void>, doneKey: MessageKey) =>
    async (req: Request, res: Response) => {
      try {
        await change(req.account!, id(req));
      } catch (error) {
        return renderOverview(deps, req, res, 409, refusal(req, error));
      }
      flash(req, 'success', doneKey);
      res.redirect(strategyPaths(id(req)).base);
    };

  router.post('/strategies/:id/submit', requireAccount, transition((actor, strategyId) => review.submit(actor, strategyId), 'strategies.overview.submitted'));

  async function renderReview(req: Request, res: Response, status = 200, errorList?: Array<{ field: string; message: string }>, values: object = {}) {
    const read = await workbook.read(req.account!, id(req));
    const comments = await review.commentsBySection(read.strategy._id);
    const page = overviewPage(read, comments, req.t, catalogue, req.lang);
    if (!page.canReview && status === 200) return renderOverview(deps, req, res);
    await renderWithPartials(res, 'strategies/review', { ...page, pageTitle: req.t('strategies.review.title'), errorList, values }, status);
  }

  router.get('/strategies/:id/review', requireAccount, (req, res) => renderReview(req, res));

  router.post('/strategies/:id/review', requireAccount, async (req, res) => {
    let decision: keyof typeof DECIDED;
    try {
      const input = parseForm(reviewSchema, req.body);
      decision = input.decision;
      await review.review(req.account!, id(req), input);
    } catch (error) {
      return renderReview(req, res, error instanceof ConflictError ? 409 : 400, refusal(req, error), req.body);
    }
    flash(req, 'success', DECIDED[decision]);
    res.redirect(strategyPaths(id(req)).base);
  });

  router.post('/strategies/:id/reopen', requireAccount, transition((actor, strategyId) => review.reopen(actor, strategyId), 'strategies.overview.reopened'));

  router.get('/reviews', ...requireRole('trainer'), async (req, res) => {
    const rows = await review.reviewQueue(req.account!);
    res.render('strategies/queue', { rows: rows.map((row) => describeRow(req, row, catalogue)) });
  });

  router.get('/strategy-reviewers', ...requireRole('coordinator', 'admin'), async (req, res) => {
    const [rows, trainers] = await Promise.all([review.selfPacedStrategies(req.account!), accountsWithRole('trainer')]);
    res.render('strategies/reviewers', {
      rows: rows.map((row) => ({
        ...describeRow(req, row, catalogue),
        trainers: trainers.map((tr) => ({ ...tr, selected: tr.id === row.trainerId })),
      })),
    });
  });

  router.post('/strategy-reviewers/:id', ...requireRole('coordinator', 'admin'), async (req, res) => {
    const { trainerId } = parseForm(assignReviewerSchema, req.body);
    await review.assignReviewer(req.account!, id(req), trainerId);
    flash(req, 'success', 'strategies.assign.saved');
    res.redirect('/strategy-reviewers');
  });

  return router;
}

function describeRow(req: Request, row: { id: string; company: string; status: StrategyStatus; courseSlug: string; cohortTitle?: string; updatedAt?: Date }, catalogue: WorkbookRoutesDeps['catalogue']) {
  return {
    ...row,
    href: strategyPaths(row.id).base,
    statusLabel: req.t(`strategies.status.${row.status}`),
    enrolment: row.cohortTitle ?? `${catalogue.get(row.courseSlug, req.lang)?.title ?? row.courseSlug} (${req.t('strategies.review.selfPaced')})`,
  };
}
