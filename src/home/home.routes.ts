import { Router, type Request } from 'express';
import type { AccountsService } from '../accounts/index.js';
import type { CalendarPanel } from '../calendar/index.js';
import type { CoursesService } from '../courses/index.js';
import { LANGUAGE_COOKIE } from '../shared/http/context.js';
import { requireAccount, safeReturnPath } from '../shared/http/guards.js';
import { isLanguage } from '../shared/i18n/index.js';
import { dashboardCohorts } from '../workshops/index.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The public home page, the language switch and each role's dashboard. */
export function homeRoutes(deps: { accounts: AccountsService; courses: CoursesService; calendarPanel?: (req: Request) => Promise<CalendarPanel>; now: () => Date }): Router {
  const router = Router();

  router.get('/', (_req, res) => res.render('home/index'));

  // A plain link, so the switch works without JavaScript; it only sets a preference.
  router.get('/lang/:lang', async (req, res) => {
    const lang = req.params.lang;
    if (isLanguage(lang)) {
      res.cookie(LANGUAGE_COOKIE, lang, { maxAge: ONE_YEAR_MS, sameSite: 'lax', httpOnly: true });
      if (req.account) await deps.accounts.setLanguage(req.account.id, lang);
    }
    res.redirect(safeReturnPath(req.query.next, '/'));
  });

  router.get('/dashboard', requireAccount, async (req, res) => {
    const account = req.account!;
    const isParticipant = account.roles.includes('participant');
    res.render('home/dashboard', {
      companyName: await deps.accounts.companyName(account),
      isParticipant,
      courses: isParticipant ? await deps.courses.dashboardCourses(account, req.lang) : [],
      isTrainer: account.roles.includes('trainer'),
      isCoordinator: account.roles.includes('coordinator'),
      isAdmin: account.roles.includes('admin'),
      calendar: deps.calendarPanel ? await deps.calendarPanel(req) : undefined,
      cohorts: await dashboardCohorts(account, deps.now()),
    });
  });

  return router;
}
