import { Router, type Request, type Response } from 'express';
import { flash } from '../shared/http/context.js';
import { requireAccount } from '../shared/http/guards.js';
import { assertManagesCohort } from '../workshops/index.js';
import { decodeCsvFile, IMPORT_MAX_BYTES } from './csv-file.js';
import { PayloadTooLargeError } from '../shared/errors.js';
import { statusOf } from '../shared/http/error-handler.js';
import { ImportFileError } from './errors.js';
import type { ImportsService } from './imports.service.js';
import { resultCounts, rowsForPage } from './import.pages.js';
import { importUploadReader } from './upload.js';

const importPath = (cohortId: string) => `/cohorts/${encodeURIComponent(cohortId)}/import`;

/** The bulk import pages of a cohort, for coordinators of its garden and admins. */
export function importsRoutes(deps: { imports: ImportsService }): Router {
  const { imports } = deps;
  const router = Router();
  const readUpload = importUploadReader(IMPORT_MAX_BYTES);
  const maxKb = IMPORT_MAX_BYTES / 1024;

  async function managedCohort(req: Request) {
    const cohortId = String(req.params.cohortId);
    const { cohort } = await assertManagesCohort(req.account!, cohortId);
    return { cohortId, cohort, base: importPath(cohortId) };
  }

  async function renderUpload(req: Request, res: Response, place: { cohortId: string; cohort: { title: string } }, extra: object = {}) {
    const { cohortId, cohort } = place;
    const jobs = await imports.recentJobs(cohortId);
    res.render('imports/upload', {
      cohort: { title: cohort.title }, action: importPath(cohortId), maxKb, ...extra,
      jobs: jobs.map((job) => ({ ...job, path: `${importPath(cohortId)}/${job.id}`, statusText: req.t(`imports.status.${job.status}`) })),
    });
  }

  router.get('/cohorts/:cohortId/import', requireAccount, async (req, res) => {
    await renderUpload(req, res, await managedCohort(req));
  });

  router.post('/cohorts/:cohortId/import', requireAccount, async (req, res) => {
    const place = await managedCohort(req);
    const { cohortId, base } = place;
    try {
      const file = await readUpload(req, res);
      if (!file) throw new ImportFileError('fileRequired');
      const csvText = decodeCsvFile(file.bytes);
      const { jobId } = await imports.previewImport({ cohortId, csvText, actorId: req.account!.id, fileName: file.originalName });
      res.redirect(`${base}/${jobId}`);
    } catch (error) {
      if (!(error instanceof ImportFileError || error instanceof PayloadTooLargeError)) throw error;
      const message = req.t(error.fields.file ?? error.messageKey, error.params);
      res.status(statusOf(error));
      await renderUpload(req, res, place, { errors: { file: message }, errorList: [{ field: 'file', message }] });
    }
  });

  router.get('/cohorts/:cohortId/import/:jobId', requireAccount, async (req, res) => {
    const { cohortId, cohort, base } = await managedCohort(req);
    const job = await imports.findJob(cohortId, String(req.params.jobId));
    const page = { cohort: { title: cohort.title }, job, base, jobPath: `${base}/${job.id}` };
    if (job.started && !job.canResume && job.status !== 'done') {
      // The header does for clients what the page's meta tag does for browsers: look again in two seconds.
      res.render('imports/progress', { ...page, refreshSeconds: 2 });
      return;
    }
    const rows = await imports.jobRows(job.id);
    if (job.status === 'preview') {
      res.render('imports/preview', { ...page, rows: rowsForPage(req.t, rows) });
      return;
    }
    res.render('imports/result', { ...page, rows: rowsForPage(req.t, rows), counts: resultCounts(rows) });
  });

  // Confirming and resuming are one action to the service: it claims whatever start the job needs.
  for (const action of ['confirm', 'resume']) {
    router.post(`/cohorts/:cohortId/import/:jobId/${action}`, requireAccount, async (req, res) => {
      const { cohortId, base } = await managedCohort(req);
      const jobId = String(req.params.jobId);
      const started = await imports.startImport({ cohortId, jobId, actorId: req.account!.id });
      flash(req, started ? 'success' : 'info', started ? 'imports.started' : 'imports.alreadyStarted');
      res.redirect(`${base}/${jobId}`);
    });
  }

  return router;
}
