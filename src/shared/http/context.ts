import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { chooseLanguage, translate, type Language, type MessageKey } from '../i18n/index.js';
import type { SignedInAccount } from './account.js';

declare module 'express-serve-static-core' {
  interface Request {
    lang: Language;
    /** The text for an i18n key in this request's language. */
    t(key: MessageKey, params?: Record<string, unknown>): string;
  }
}

export const LANGUAGE_COOKIE = 'da.lang';

/**
 * Loads the signed-in account, chooses the language and moves flash messages
 * into the page, so every view sees `account`, `lang`, `flash` and `path`. `findAccount` is the
 * accounts component's lookup by id and sign-in time (undefined when the session no longer counts),
 * passed in by the composition root.
 */
export function requestContext(findAccount: (id: string, signedInAt: number | undefined) => Promise<SignedInAccount | undefined>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.session.accountId) {
      req.account = await findAccount(req.session.accountId, req.session.signedInAt);
      if (!req.account) delete req.session.accountId;
    }
    req.lang = chooseLanguage(req.cookies?.[LANGUAGE_COOKIE] ?? req.account?.language, req.get('accept-language'));
    req.t = (key, params) => translate(req.lang, key, params);
    res.locals.lang = req.lang;
    res.locals.otherLang = req.lang === 'nb' ? 'en' : 'nb';
    res.locals.account = req.account;
    res.locals.path = req.path;
    res.locals.returnTo = req.originalUrl;
    showFlashOnRenderedPage(req, res);
    next();
  };
}

/**
 * Flash messages wait for the next page that is rendered, and are taken from the session only
 * then: a request that renders nothing (a POST that redirects, a download) leaves them for the
 * page after it. Express reads `res.locals` when it renders, so a getter does the taking.
 */
function showFlashOnRenderedPage(req: Request, res: Response): void {
  if (!req.session.flash?.length) return;
  Object.defineProperty(res.locals, 'flash', {
    enumerable: true,
    configurable: true,
    get() {
      const shown = (req.session.flash ?? []).map((f) => ({ type: f.type, text: req.t(f.key, f.params) }));
      delete req.session.flash;
      Object.defineProperty(res.locals, 'flash', { value: shown, enumerable: true, configurable: true, writable: true });
      return shown;
    },
  });
}

/** Queues a message for the next page the user sees. */
export function flash(req: Request, type: 'success' | 'info' | 'error', key: MessageKey, params?: Record<string, string | number>) {
  req.session.flash = [...(req.session.flash ?? []), { type, key, params }];
}
