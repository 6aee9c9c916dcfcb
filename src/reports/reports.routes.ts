import { Router, type Request } from 'express';
import { requireRole } from '../shared/http/guards.js';
import { scoreLabel, strategyPaths } from '../strategies/index.js';
import { cohortReport, gardenReport, reportsIndex, type CohortReport } from './reports.service.js';

/** A cohort report as the table shows it: labels in the reader's language, links to strategies. */
function reportView(req: Request, report: CohortReport) {
  const score = (v?: number) => (v === undefined ? '–' : scoreLabel(v, req.lang));
  return {
    ...report,
    companies: report.companies.map((row) => ({
      ...row,
      attendanceLabel: row.attendance ? req.t('reports.attendanceValue', { represented: row.attendance.represented, sessions: row.attendance.sessions }) : '–',
      ruleMet: row.attendance?.meetsRule ?? false,
      statusLabel: row.strategy ? req.t(`strategies.status.${row.strategy.status}`) : req.t('reports.notStarted'),
      strategyHref: row.strategy && strategyPaths(row.strategy.id).base,
      maturityLabel: row.t0 === undefined && row.t1 === undefined ? '–' : req.t('reports.maturityValue', { t0: score(row.t0), t1: score(row.t1) }),
      changeLabel: row.change === undefined ? '' : `${row.change > 0 ? '+' : row.change < 0 ? '−' : ''}${scoreLabel(Math.abs(row.change), req.lang)}`,
    })),
  };
}

/** Coordinators' overviews per cohort and per garden: attendance, strategy status, maturity change, completion. */
export function reportsRoutes(deps: { now: () => Date }): Router {
  const router = Router();
  router.use('/reports', requireRole('coordinator', 'admin'));

  router.get('/reports', async (req, res) => {
    res.render('reports/index', { gardens: await reportsIndex(req.account!) });
  });

  router.get('/reports/cohorts/:cohortId', async (req, res) => {
    const { garden, report } = await cohortReport(req.account!, String(req.params.cohortId), deps.now());
    res.render('reports/cohort', { pageTitle: report.title, garden, reports: [reportView(req, report)], single: true });
  });

  router.get('/reports/gardens/:gardenId', async (req, res) => {
    const { garden, reports } = await gardenReport(req.account!, String(req.params.gardenId), deps.now());
    res.render('reports/cohort', { pageTitle: garden.name, garden, reports: reports.map((r) => reportView(req, r)) });
  });

  return router;
}
