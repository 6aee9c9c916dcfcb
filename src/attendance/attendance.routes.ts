import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ValidationError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireAccount } from '../shared/http/guards.js';
import type { AttendanceService } from './attendance.service.js';
import { CheckInRefusedError, NotACsvError, SessionNotStartedError } from './errors.js';
import { formatMoment, overviewPage, registerPage, registerPath } from './attendance.pages.js';
import { checkInSchema, saveRegisterSchema } from './schemas.js';
import { SHEET_MAX_KB, sheetReader } from './upload.js';
import { statusOf } from '../shared/http/error-handler.js';

export interface AttendanceRoutesDeps {
  attendance: AttendanceService;
  /** The public address, shown with the check-in code. */
  baseUrl: string;
}

/** Wrong codes allowed per account before check-in pauses; successful check-ins do not count. */
export const CHECK_IN_ATTEMPTS = 20;
export const CHECK_IN_ATTEMPT_WINDOW_MS = 10 * 60 * 1000;


/** Slows down guessing of session codes: per account, only failed attempts count. */
function checkInRateLimit() {
  return rateLimit({
    windowMs: CHECK_IN_ATTEMPT_WINDOW_MS,
    limit: CHECK_IN_ATTEMPTS,
    keyGenerator: (req) => `check-in:${req.account!.id}`,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req: Request, res: Response, _next: NextFunction) => {
      res.status(429).render('errors/error', { status: 429, pageTitle: req.t('errors.title429'), message: req.t('attendance.checkIn.tooMany') });
    },
  });
}

/** The session register, paper-sheet upload, self check-in and the cohort's attendance overview. */
export function attendanceRoutes(deps: AttendanceRoutesDeps): Router {
  const { attendance } = deps;
  const router = Router();
  const readSheet = sheetReader();
  const ids = (req: Request) => [String(req.params.cohortId), String(req.params.sessionId)] as const;

  async function renderRegister(req: Request, res: Response, extra: object = {}) {
    const register = await attendance.register(req.account!, ...ids(req));
    res.render('attendance/register', { ...registerPage(register, deps.baseUrl), maxKb: SHEET_MAX_KB, ...extra });
  }


  router.get('/cohorts/:cohortId/sessions/:sessionId/register', requireAccount, (req, res) => renderRegister(req, res));

  /** Too early to record: the register again, with 409 and the page's note saying from when. */
  async function refuseNotStarted(req: Request, res: Response, error: unknown) {
    if (!(error instanceof SessionNotStartedError)) throw error;
    res.status(409);
    await renderRegister(req, res, { refused: true });
  }

  router.post('/cohorts/:cohortId/sessions/:sessionId/register', requireAccount, async (req, res) => {
    const input = parseForm(saveRegisterSchema, req.body);
    let changed: number;
    try {
      changed = await attendance.saveRegister(req.account!, ...ids(req), input);
    } catch (error) {
      return refuseNotStarted(req, res, error);
    }
    flash(req, 'success', 'attendance.register.saved', { count: changed });
    res.redirect(registerPath(...ids(req)));
  });

  router.post('/cohorts/:cohortId/sessions/:sessionId/register/sheet', requireAccount, async (req, res) => {
    try {
      const bytes = await readSheet(req, res);
      if (!bytes) throw new ValidationError({ file: 'attendance.csv.fileRequired' });
      const report = await attendance.importSheet(req.account!, ...ids(req), bytes);
      const problems = report.problems.map((p) => req.t('attendance.csv.line', { line: p.line, problem: req.t(p.key, p.params) }));
      await renderRegister(req, res, { sheet: { ...report, problems } });
    } catch (error) {
      if (error instanceof SessionNotStartedError) return refuseNotStarted(req, res, error);
      const message = error instanceof ValidationError ? req.t(Object.values(error.fields)[0] ?? error.messageKey, error.params)
        : error instanceof NotACsvError ? req.t(error.messageKey, error.params) : undefined;
      if (message === undefined) throw error;
      res.status(statusOf(error));
      await renderRegister(req, res, { sheetError: message });
    }
  });

  router.get('/cohorts/:cohortId/overview', requireAccount, async (req, res) => {
    res.render('attendance/overview', overviewPage(await attendance.overview(req.account!, String(req.params.cohortId))));
  });

  router.get('/check-in', requireAccount, (_req, res) => res.render('attendance/check-in', { values: {} }));

  router.post('/check-in', requireAccount, checkInRateLimit(), async (req, res) => {
    try {
      const { code } = parseForm(checkInSchema, req.body);
      const result = await attendance.checkIn(req.account!, code);
      flash(req, 'success', result.alreadyCheckedIn ? 'attendance.checkIn.already' : 'attendance.checkIn.done', {
        status: req.t(`attendance.status.${result.status}`), position: result.session.position,
      });
      res.redirect('/check-in');
    } catch (error) {
      if (!(error instanceof CheckInRefusedError)) return renderInvalid(req, res, 'attendance/check-in', error, req.body);
      const message = req.t(error.messageKey, { opens: error.opensAt ? formatMoment(error.opensAt, req.lang) : '' });
      res.status(error.reason === 'notEnrolled' ? 403 : 400).render('attendance/check-in', {
        values: { code: req.body.code }, errors: { code: message }, errorList: [{ field: 'code', message }],
      });
    }
  });

  return router;
}
