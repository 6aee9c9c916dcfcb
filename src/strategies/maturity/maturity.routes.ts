import { Router, type Request, type Response } from 'express';
import { NotFoundError } from '../../shared/errors.js';
import { parseForm } from '../../shared/forms.js';
import { flash } from '../../shared/http/context.js';
import { renderInvalid } from '../../shared/http/forms.js';
import { requireAccount } from '../../shared/http/guards.js';
import { maturityView } from './maturity.pages.js';
import { DIMENSIONS, QUESTIONS, SCALE, STAGES, type Stage } from './maturity.js';
import type { MaturityService } from './maturity.service.js';
import { strategyPaths } from '../strategy.pages.js';
import { assessmentSchema } from '../schemas.js';
import { formatNumber } from '../../shared/i18n/format.js';

const stageParam = (req: Request): Stage => {
  const stage = String(req.params.stage).toUpperCase();
  if (!(STAGES as readonly string[]).includes(stage)) throw new NotFoundError();
  return stage as Stage;
};

/** The maturity overview with its chart, and the questionnaire for one stage. */
export function maturityRoutes(deps: { maturity: MaturityService }): Router {
  const router = Router();
  const id = (req: Request) => String(req.params.id);

  router.get('/strategies/:id/maturity', requireAccount, async (req, res) => {
    const { access, stages } = await deps.maturity.overview(req.account!, id(req));
    res.render('strategies/maturity', {
      ...maturityView(stages, req.t, req.lang),
      paths: strategyPaths(String(access.strategy._id)),
      canAnswer: access.isCompany,
    });
  });

  async function renderForm(req: Request, res: Response, values: Record<string, unknown>, error?: unknown) {
    const stage = stageParam(req);
    const { access, stages } = await deps.maturity.overview(req.account!, id(req));
    if (!access.isCompany) throw new NotFoundError();
    const paths = strategyPaths(String(access.strategy._id));
    const context = {
      pageTitle: req.t('strategies.maturity.title'), stage, stageLabel: req.t(`strategies.maturity.stages.${stage}`),
      open: stages.find((s) => s.stage === stage)?.open ?? false, paths, action: `${paths.maturity}/${stage}`,
      dimensions: DIMENSIONS.map((dimension) => ({
        title: req.t(`strategies.maturity.dimensions.${dimension}`),
        questions: QUESTIONS.filter((q) => q.dimension === dimension).map((q) => ({
          id: q.id, text: req.t(`strategies.maturity.questions.${q.id}`),
          options: SCALE.map((n) => ({ value: n, label: req.t(`strategies.maturity.scale.${n}`), checked: String(values[q.id]) === String(n) })),
        })),
      })),
    };
    if (error) return renderInvalid(req, res, 'strategies/assessment', error, values, context);
    res.render('strategies/assessment', { ...context, values });
  }

  router.get('/strategies/:id/maturity/:stage', requireAccount, async (req, res) => {
    const stage = stageParam(req);
    const { stages } = await deps.maturity.overview(req.account!, id(req));
    const taken = stages.find((s) => s.stage === stage)?.taken;
    await renderForm(req, res, (taken?.answers as Record<string, unknown> | undefined) ?? {});
  });

  router.post('/strategies/:id/maturity/:stage', requireAccount, async (req, res) => {
    const stage = stageParam(req);
    try {
      const answers = parseForm(assessmentSchema, req.body);
      const stored = await deps.maturity.record(req.account!, id(req), stage, answers);
      flash(req, 'success', 'strategies.maturity.saved', { score: formatNumber(stored.overall, req.lang) });
      res.redirect(strategyPaths(id(req)).maturity);
    } catch (error) {
      await renderForm(req, res, req.body, error);
    }
  });

  return router;
}
