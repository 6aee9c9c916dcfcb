import { Router, type Request, type RequestHandler } from 'express';
import { NotFoundError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { safeReturnPath } from '../shared/http/guards.js';
import type { AccountsService } from './accounts.service.js';
import { signIn } from './sign-in.js';
import { choosePasswordSchema, forgotPasswordSchema, loginSchema, registerSchema, SECTORS } from './schemas.js';
import { FailedLoginLimit, refuseLogin } from '../shared/http/login-limit.js';


export function accountsRoutes(deps: { accounts: AccountsService; provideToken: RequestHandler; loginLimit: FailedLoginLimit }): Router {
  const { accounts, provideToken } = deps;
  const router = Router();
  const sectors = (req: Request) => SECTORS.map((value) => ({ value, label: req.t(`sectors.${value}`) }));

  router.get('/register', provideToken, (req, res) => {
    // A signed-in person has an account already; the form would only confuse.
    if (req.account) return res.redirect('/dashboard');
    res.render('accounts/register', { values: {}, sectors: sectors(req) });
  });

  router.post('/register', provideToken, async (req, res) => {
    try {
      const input = parseForm(registerSchema, { ...req.body, language: req.lang });
      const account = await accounts.registerOwner(input);
      await signIn(req, account.id, accounts.signInTime());
      flash(req, 'success', 'accounts.welcome', { name: account.name });
      res.redirect('/dashboard');
    } catch (error) {
      renderInvalid(req, res, 'accounts/register', error, req.body, { sectors: sectors(req) });
    }
  });

  router.get('/login', provideToken, (req, res) => {
    if (req.account) return res.redirect(safeReturnPath(req.query.next));
    res.render('accounts/login', { values: {}, next: safeReturnPath(req.query.next) });
  });

  router.post('/login', provideToken, async (req, res) => {
    const next = safeReturnPath(req.body.next);
    const address = req.ip ?? '';
    const asked = typeof req.body.email === 'string' ? req.body.email : '';
    const waitMs = deps.loginLimit.waitMs(asked, address);
    if (waitMs > 0) return refuseLogin(req, res, waitMs);
    try {
      const { email, password } = parseForm(loginSchema, req.body);
      const account = await accounts.authenticate(email, password);
      if (!account) {
        deps.loginLimit.recordFailure(email, address);
        res.status(401).render('accounts/login', { values: { email }, next, errorList: [{ field: 'email', message: req.t('accounts.wrongCredentials') }] });
        return;
      }
      await signIn(req, account.id, accounts.signInTime());
      res.redirect(next);
    } catch (error) {
      renderInvalid(req, res, 'accounts/login', error, req.body, { next });
    }
  });

  router.post('/logout', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie('da.sid');
      res.redirect('/');
    });
  });

  router.get('/password/forgot', provideToken, (_req, res) => res.render('accounts/forgot', { values: {} }));

  router.post('/password/forgot', provideToken, async (req, res) => {
    try {
      const { email } = parseForm(forgotPasswordSchema, req.body);
      await accounts.requestPasswordReset(email);
      flash(req, 'info', 'accounts.resetSent');
      res.redirect('/login');
    } catch (error) {
      renderInvalid(req, res, 'accounts/forgot', error, req.body);
    }
  });

  router.get('/password/choose/:secret', provideToken, async (req, res) => {
    const usable = await accounts.linkIsUsable(String(req.params.secret));
    res.status(usable ? 200 : 404).render(usable ? 'accounts/choose-password' : 'accounts/link-invalid', { values: {} });
  });

  router.post('/password/choose/:secret', provideToken, async (req, res) => {
    try {
      const { password } = parseForm(choosePasswordSchema, req.body);
      const account = await accounts.choosePassword(String(req.params.secret), password);
      await signIn(req, account.id, accounts.signInTime());
      flash(req, 'success', 'accounts.passwordChosen');
      res.redirect('/dashboard');
    } catch (error) {
      if (error instanceof NotFoundError) {
        res.status(404).render('accounts/link-invalid');
        return;
      }
      renderInvalid(req, res, 'accounts/choose-password', error, req.body);
    }
  });

  return router;
}
