import type { Request, Response } from 'express';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { NotEnrolledError } from './errors.js';
import { flash } from '../shared/http/context.js';
import type { MessageKey } from '../shared/i18n/index.js';

type Outcome = [MessageKey, Record<string, string | number>?];

/**
 * Runs a coordinator's action from a cohort's pages: success and explained refusals
 * become a flash message on the page it redirects to (the manage page unless
 * `back` says otherwise), losing nothing stored. Other errors (403, a plain 404,
 * a failing database) go to the error pages, as do those `rethrow` picks.
 */
export function act(run: (req: Request) => Promise<Outcome>, options: { back?: (req: Request, succeeded: boolean) => string; rethrow?: (error: unknown) => boolean } = {}) {
  const back = options.back ?? ((req: Request) => `/cohorts/${String(req.params.cohortId)}/manage`);
  return async (req: Request, res: Response) => {
    let succeeded = false;
    try {
      const [key, params] = await run(req);
      flash(req, 'success', key, params);
      succeeded = true;
    } catch (error) {
      const explained = error instanceof ValidationError || error instanceof ConflictError || error instanceof NotEnrolledError;
      if (!explained || options.rethrow?.(error)) throw error;
      const keys = error instanceof ValidationError ? Object.values(error.fields) : [error.messageKey];
      for (const key of keys) flash(req, 'error', key, error.params);
    }
    res.redirect(back(req, succeeded));
  };
}
