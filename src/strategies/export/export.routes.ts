import { Router, type Request, type Response } from 'express';
import type { CourseCatalogue } from '../../courses/index.js';
import { requireAccount } from '../../shared/http/guards.js';
import { showBrief, showSections, type ShownBrief, type ShownSection, type Translate } from './document.js';
import { strategyHeading, strategyPaths } from '../strategy.pages.js';
import { renderPdf, type PdfBlock } from './pdf.js';
import { renderWithPartials } from '../views.js';
import type { WorkbookService } from '../workbook.service.js';
import { formatDateTime } from '../../shared/i18n/format.js';

export interface ExportRoutesDeps {
  workbook: WorkbookService;
  catalogue: CourseCatalogue;
  now: () => Date;
}

function sectionBlocks(sections: ShownSection[], t: Translate): PdfBlock[] {
  return sections.flatMap((s): PdfBlock[] => [
    { heading: `${s.number}. ${s.title}`, level: 1, items: s.texts, table: s.table, note: s.empty ? t('strategies.overview.emptySection') : undefined },
    ...(s.brief ? [{ heading: t('strategies.brief.heading'), level: 2 as const, items: s.brief }] : []),
  ]);
}

function briefBlocks(brief: ShownBrief, t: Translate): PdfBlock[] {
  return [
    { heading: t('strategies.brief.about'), level: 2, items: [], note: brief.about },
    { heading: t('strategies.brief.heading'), level: 1, items: brief.items, note: brief.empty ? t('strategies.brief.empty') : undefined },
    ...(brief.objectives ? [{ heading: t('strategies.brief.fromStrategy'), level: 2 as const, items: [], table: brief.objectives }] : []),
  ];
}

/** A file name without characters that trouble browsers or file systems: "strategi-fjellbakeriet-as.pdf". */
function fileName(company: string, what: string): string {
  const slug = company.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${what}-${slug || 'bedrift'}.pdf`;
}

/** The strategy and its supplier brief as printable pages and PDF downloads. */
export function exportRoutes(deps: ExportRoutesDeps): Router {
  const router = Router();

  async function load(req: Request) {
    const read = await deps.workbook.read(req.account!, String(req.params.id));
    const heading = strategyHeading(read, req.t, deps.catalogue, req.lang);
    const printed = formatDateTime(deps.now(), req.lang, 'd. MMMM yyyy');
    const meta = req.t('strategies.export.generated', { version: heading.version, status: heading.statusLabel, date: printed });
    const lines = [heading.cohortTitle ? `${heading.courseTitle} – ${heading.cohortTitle}` : heading.courseTitle, meta];
    return { read, heading, lines, paths: strategyPaths(heading.id) };
  }

  async function sendPdf(res: Response, name: string, pdf: Promise<Buffer>) {
    const bytes = await pdf;
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' });
    res.send(bytes);
  }

  router.get('/strategies/:id/print', requireAccount, async (req, res) => {
    const { read, heading, lines, paths } = await load(req);
    await renderWithPartials(res, 'strategies/export', {
      pageTitle: req.t('strategies.export.title', { company: heading.company }), heading, lines, paths,
      sections: showSections(read.content, req.t, req.lang),
    });
  });

  router.get('/strategies/:id/brief', requireAccount, async (req, res) => {
    const { read, heading, lines, paths } = await load(req);
    await renderWithPartials(res, 'strategies/brief', {
      pageTitle: req.t('strategies.export.briefTitle', { company: heading.company }), heading, lines, paths,
      brief: showBrief(read.content, read.company, req.t, req.lang),
    });
  });

  router.get('/strategies/:id/strategy.pdf', requireAccount, async (req, res) => {
    const { read, heading, lines } = await load(req);
    const blocks = sectionBlocks(showSections(read.content, req.t, req.lang), req.t);
    const title = req.t('strategies.export.title', { company: heading.company });
    await sendPdf(res, fileName(heading.company, 'strategi'), renderPdf({ title, lines, blocks, footer: req.t('layout.footer') }));
  });

  router.get('/strategies/:id/brief.pdf', requireAccount, async (req, res) => {
    const { read, heading, lines } = await load(req);
    const blocks = briefBlocks(showBrief(read.content, read.company, req.t, req.lang), req.t);
    const title = req.t('strategies.export.briefTitle', { company: heading.company });
    await sendPdf(res, fileName(heading.company, 'brief'), renderPdf({ title, lines, blocks, footer: req.t('layout.footer') }));
  });

  return router;
}
