import { Router, type Request, type Response } from 'express';
import type { CourseCatalogue } from '../courses/index.js';
import { NotFoundError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireAccount } from '../shared/http/guards.js';
import { showSections } from './export/document.js';
import { isEditable, overviewPage, strategyHeading, strategyPaths } from './strategy.pages.js';
import type { ReviewService } from './review.service.js';
import { saveSectionSchema, startStrategySchema } from './schemas.js';
import { sectionForm, sectionValues } from './section-form.js';
import { isSection, STRATEGY_SECTIONS, type StrategySection } from './sections.js';
import { renderWithPartials, strategyPartials } from './views.js';
import type { EnrolmentWithStrategy, WorkbookService } from './workbook.service.js';
import type { MessageKey } from '../shared/i18n/index.js';

export interface WorkbookRoutesDeps {
  workbook: WorkbookService;
  review: ReviewService;
  catalogue: CourseCatalogue;
}

function sectionParam(req: Request): StrategySection {
  const section = req.params.section;
  if (!isSection(section)) throw new NotFoundError();
  return section;
}

/** The company's hub, starting a strategy, the strategy page, section forms and the version history. */
export function workbookRoutes(deps: WorkbookRoutesDeps): Router {
  const { workbook, review, catalogue } = deps;
  const router = Router();
  const id = (req: Request) => String(req.params.id);

  const hubRows = (req: Request, rows: EnrolmentWithStrategy[]) => rows.map((row) => ({
    ...row,
    label: row.kind === 'cohort'
      ? req.t('strategies.hub.cohort', { title: row.cohortTitle })
      : req.t('strategies.hub.course', { title: catalogue.get(row.courseSlug, req.lang)?.title ?? row.courseSlug }),
    href: row.strategy && strategyPaths(row.strategy.id).base,
  }));

  router.get('/strategy', requireAccount, async (req, res) => {
    res.render('strategies/hub', { rows: hubRows(req, await workbook.companyEnrolments(req.account!)), noCompany: !req.account!.companyId });
  });

  router.post('/strategy/start', requireAccount, async (req, res) => {
    const input = parseForm(startStrategySchema, req.body);
    const strategyId = await workbook.openStrategy(req.account!, input.cohortId ? { cohortId: input.cohortId } : { courseSlug: input.courseSlug! });
    const paths = strategyPaths(strategyId);
    res.redirect(input.section ? paths.section(input.section) : paths.base);
  });

  // The link from a module's exercise: straight to the section, or first the choice of enrolment.
  router.get('/strategy/for/:course/:section', requireAccount, async (req, res) => {
    const section = sectionParam(req);
    const courseSlug = String(req.params.course);
    const strategyId = await workbook.strategyForCourse(req.account!, courseSlug);
    if (strategyId) return res.redirect(strategyPaths(strategyId).section(section));
    res.render('strategies/hub', {
      rows: hubRows(req, await workbook.companyEnrolments(req.account!, courseSlug)), section, starting: true, noCompany: !req.account!.companyId,
    });
  });

  router.get('/strategies/:id', requireAccount, (req, res) => renderOverview(deps, req, res));

  async function renderSection(req: Request, res: Response, values?: Record<string, unknown>, error?: unknown) {
    const section = sectionParam(req);
    const read = await workbook.read(req.account!, id(req));
    if (!read.isCompany) throw new NotFoundError();
    const comments = (await review.commentsBySection(read.strategy._id)).get(section) ?? [];
    const index = STRATEGY_SECTIONS.indexOf(section);
    const next = STRATEGY_SECTIONS[index + 1];
    const paths = strategyPaths(String(read.strategy._id));
    const partials = await strategyPartials();
    const build = (v: Record<string, unknown>, errors: Record<string, string> = {}) => ({
      pageTitle: req.t(`strategies.sections.${section}`),
      strategy: strategyHeading(read, req.t, catalogue, req.lang),
      section: { slug: section, number: index + 1, title: req.t(`strategies.sections.${section}`), intro: req.t(`strategies.sectionIntro.${section}`) },
      form: sectionForm(section, v, errors, req.t),
      locked: !isEditable(read.strategy.status),
      comments, paths, action: paths.section(section),
      next: next && { href: paths.section(next), title: req.t(`strategies.sections.${next}`) },
      partials,
    });
    if (error) {
      const fields = (error as { fields?: Record<string, MessageKey> }).fields ?? {};
      const translated = Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, req.t(key)]));
      return renderInvalid(req, res, 'strategies/section', error, values ?? {}, build(values ?? {}, translated));
    }
    res.render('strategies/section', build(sectionValues(section, read.content[section])));
  }

  router.get('/strategies/:id/sections/:section', requireAccount, (req, res) => renderSection(req, res));

  router.post('/strategies/:id/sections/:section', requireAccount, async (req, res) => {
    const section = sectionParam(req);
    try {
      const content = parseForm(saveSectionSchema(section), req.body);
      const version = await workbook.saveSection(req.account!, id(req), section, content);
      flash(req, 'success', 'strategies.edit.saved', { version });
      res.redirect(strategyPaths(id(req)).section(section));
    } catch (error) {
      await renderSection(req, res, req.body, error);
    }
  });

  router.get('/strategies/:id/history', requireAccount, async (req, res) => {
    const { access, versions, transitions } = await workbook.history(req.account!, id(req));
    const paths = strategyPaths(String(access.strategy._id));
    res.render('strategies/history', {
      paths,
      versions: versions.map((v) => ({ ...v, sectionTitle: req.t(`strategies.sections.${v.section}`), href: paths.version(v.version) })),
      transitions: transitions.map((tr) => ({ ...tr, fromLabel: req.t(`strategies.status.${tr.from}`), toLabel: req.t(`strategies.status.${tr.to}`) })),
    });
  });

  router.get('/strategies/:id/versions/:version', requireAccount, async (req, res) => {
    const old = await workbook.version(req.account!, id(req), Number(req.params.version));
    await renderWithPartials(res, 'strategies/version', {
      pageTitle: req.t('strategies.history.old', { version: old.version }),
      paths: strategyPaths(String(old.access.strategy._id)),
      old, sections: showSections(old.content, req.t, req.lang),
    });
  });

  return router;
}

/** Renders the strategy page; a refusal (status 409, say) is shown in the error summary. */
export async function renderOverview(deps: WorkbookRoutesDeps, req: Request, res: Response, status = 200, errorList?: Array<{ field: string; message: string }>) {
  const read = await deps.workbook.read(req.account!, String(req.params.id));
  const comments = await deps.review.commentsBySection(read.strategy._id);
  await renderWithPartials(res, 'strategies/show', { ...overviewPage(read, comments, req.t, deps.catalogue, req.lang), errorList }, status);
}
