import { Router, type Request, type RequestHandler, type Response } from 'express';
import { NotFoundError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash, LANGUAGE_COOKIE } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireAccount } from '../shared/http/guards.js';
import type { ProfileService } from './profile.service.js';
import { changeEmailSchema, changePasswordSchema, profileDetailsSchema } from './schemas.js';
import { signIn } from './sign-in.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The signed-in person's own page: name and language, password, email address, sessions. */
export function profileRoutes(deps: { profile: ProfileService; provideToken: RequestHandler }): Router {
  const { profile, provideToken } = deps;
  const router = Router();

  /** A session's device as people say it: "Firefox on Android", or as much of it as is known. */
  const device = (req: Request, s: { browser?: string; os?: string }) =>
    (s.browser && s.os ? req.t('sessions.onDevice', { browser: s.browser, os: s.os }) : s.browser ?? s.os ?? req.t('sessions.unknown'));
  const page = async (req: Request) => {
    const [details, sessions] = await Promise.all([profile.profile(req.account!.id), profile.sessions(req.account!.id, req.sessionID)]);
    return { profile: details, sessions: sessions.map((s) => ({ ...s, device: device(req, s) })) };
  };
  /** Re-renders the page after a refused form, with that form's values and errors and the rest as stored. */
  const refuse = async (req: Request, res: Response, error: unknown) =>
    renderInvalid(req, res, 'accounts/profile', error, req.body, await page(req));

  router.get('/profile', requireAccount, provideToken, async (req, res) => {
    const data = await page(req);
    res.render('accounts/profile', { ...data, values: { name: data.profile.name, language: data.profile.language } });
  });

  router.post('/profile/details', requireAccount, provideToken, async (req, res) => {
    try {
      const details = parseForm(profileDetailsSchema, req.body);
      await profile.updateDetails(req.account!.id, details);
      res.cookie(LANGUAGE_COOKIE, details.language, { maxAge: ONE_YEAR_MS, sameSite: 'lax', httpOnly: true });
      flash(req, 'success', 'profile.detailsSaved');
      res.redirect('/profile');
    } catch (error) {
      await refuse(req, res, error);
    }
  });

  router.post('/profile/password', requireAccount, provideToken, async (req, res) => {
    try {
      const { currentPassword, newPassword } = parseForm(changePasswordSchema, req.body);
      const signedInAt = await profile.changePassword(req.account!.id, currentPassword, newPassword);
      await signIn(req, req.account!.id, signedInAt);
      flash(req, 'success', 'profile.passwordChanged');
      res.redirect('/profile');
    } catch (error) {
      await refuse(req, res, error);
    }
  });

  router.post('/profile/email', requireAccount, provideToken, async (req, res) => {
    try {
      const { newEmail, emailPassword } = parseForm(changeEmailSchema, req.body);
      await profile.requestEmailChange(req.account!.id, newEmail, emailPassword);
      flash(req, 'info', 'profile.emailLinkSent', { email: newEmail });
      res.redirect('/profile');
    } catch (error) {
      await refuse(req, res, error);
    }
  });

  // The link in the email opens a page that asks to confirm: mail scanners that follow links must not spend it.
  router.get('/profile/email/:secret', provideToken, async (req, res) => {
    try {
      const secret = String(req.params.secret);
      res.render('accounts/confirm-email', { email: await profile.pendingEmail(secret), secret });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      res.status(404).render('accounts/link-invalid');
    }
  });

  router.post('/profile/email/:secret', provideToken, async (req, res) => {
    const secret = String(req.params.secret);
    try {
      const email = await profile.confirmEmailChange(secret);
      flash(req, 'success', 'profile.emailChanged', { email });
      res.redirect(req.account ? '/profile' : '/login');
    } catch (error) {
      if (error instanceof NotFoundError) return res.status(404).render('accounts/link-invalid');
      renderInvalid(req, res, 'accounts/confirm-email', error, {}, { secret });
    }
  });

  router.post('/profile/sessions/:handle/end', requireAccount, async (req, res) => {
    await profile.endSession(req.account!.id, req.sessionID, String(req.params.handle));
    flash(req, 'success', 'sessions.ended');
    res.redirect('/profile#sessions');
  });

  router.post('/profile/logout-everywhere', requireAccount, async (req, res) => {
    const signedInAt = await profile.logOutEverywhere(req.account!.id);
    await signIn(req, req.account!.id, signedInAt);
    flash(req, 'success', 'profile.loggedOutElsewhere');
    res.redirect('/profile');
  });

  return router;
}
