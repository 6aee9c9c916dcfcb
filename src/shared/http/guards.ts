import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from './account.js';
import { ForbiddenError } from '../errors.js';

/** Sends visitors to the login page, remembering where they were going. */
export const requireAccount: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  if (req.account) return next();
  const target = req.method === 'GET' ? req.originalUrl : '/dashboard';
  res.redirect(`/login?next=${encodeURIComponent(target)}`);
};

/** Lets through accounts holding at least one of the roles; others get 403. */
export function requireRole(...roles: Role[]): RequestHandler[] {
  const check: RequestHandler = (req, _res, next) => {
    const held = req.account?.roles ?? [];
    next(roles.some((role) => held.includes(role)) ? undefined : new ForbiddenError());
  };
  return [requireAccount, check];
}

/** Only same-site paths are followed after login, so a link cannot send users elsewhere. */
export function safeReturnPath(value: unknown, fallback = '/dashboard'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
