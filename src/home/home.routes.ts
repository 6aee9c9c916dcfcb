import { Router } from 'express';
import type { AccountsService } from '../accounts/accounts.service.js';
import { LANGUAGE_COOKIE } from '../shared/http/context.js';
import { requireAccount, safeReturnPath } from '../shared/http/guards.js';
import { isLanguage } from '../shared/i18n/index.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The public home page, the language switch and each role's dashboard. */
export function homeRoutes(deps: { accounts: AccountsService }): Router {
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
    res.render('home/dashboard', {
      company: await deps.accounts.companyOf(account),
      isParticipant: account.roles.includes('participant'),
      isTrainer: account.roles.includes('trainer'),
      isCoordinator: account.roles.includes('coordinator'),
      isAdmin: account.roles.includes('admin'),
    });
  });

  return router;
}
