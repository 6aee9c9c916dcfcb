import type { Request, Response } from 'express';
import { ValidationError } from '../errors.js';

/**
 * Re-renders a form after a ValidationError with what the user typed and one
 * message per field, plus the list the error summary shows. Other errors propagate.
 */
export function renderInvalid(req: Request, res: Response, view: string, error: unknown, values: object, extra: object = {}): void {
  if (!(error instanceof ValidationError)) throw error;
  const errors = Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, req.t(key)]));
  const { password: _p, confirm: _c, _csrf, ...safeValues } = values as Record<string, unknown>;
  res.status(400).render(view, {
    ...extra,
    values: safeValues,
    errors,
    errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
  });
}
