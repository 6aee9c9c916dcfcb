import type { RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import helmet from 'helmet';
import { ForbiddenError } from '../errors.js';

/** Helmet with a strict CSP: the app ships no scripts, so none may run. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
  });
}

/**
 * CSRF protection by signed double-submit cookie, bound to the session. Every
 * form carries `_csrf`; multipart forms carry it in their action's query string
 * because their body is only read after the check.
 */
export function csrfProtection(options: { secret: string; secure: boolean }) {
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => options.secret,
    getSessionIdentifier: (req) => req.session.id,
    cookieName: options.secure ? '__Host-da.csrf' : 'da.csrf',
    cookieOptions: { sameSite: 'lax', secure: options.secure, path: '/', httpOnly: true },
    getCsrfTokenFromRequest: (req) => (req.body as { _csrf?: string } | undefined)?._csrf ?? (req.query._csrf as string | undefined),
  });

  /** Puts a token in res.locals; for visitors it also keeps the session so the token stays valid. */
  const provideToken: RequestHandler = (req, res, next) => {
    if (!req.account) req.session.formShown = true;
    res.locals.csrfToken = generateCsrfToken(req, res);
    next();
  };

  const verify: RequestHandler = (req, res, next) => {
    doubleCsrfProtection(req, res, (error?: unknown) => next(error ? new ForbiddenError('errors.csrf') : undefined));
  };

  /** Signed-in pages always carry a token: the header's log-out button is a form. */
  const provideTokenWhenSignedIn: RequestHandler = (req, res, next) => (req.account ? provideToken(req, res, next) : next());

  return { verify, provideToken, provideTokenWhenSignedIn };
}

