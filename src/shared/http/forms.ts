import type { Request, Response } from 'express';
import { ConflictError, ValidationError } from '../errors.js';
import { statusOf } from './error-handler.js';

/**
 * Re-renders a form after a ValidationError or ConflictError with what the user
 * typed and one message per field, plus the list the error summary shows. Other errors propagate.
 */
export function renderInvalid(req: Request, res: Response, view: string, error: unknown, values: object, extra: object = {}): void {
  // A conflict (a clash, a duplicate) is about the whole form: it is shown in the summary.
  const fields = error instanceof ValidationError ? error.fields : error instanceof ConflictError ? { form: error.messageKey } : undefined;
  if (!fields) throw error;
  const params = error instanceof ConflictError ? error.params : {};
  const errors = Object.fromEntries(Object.entries(fields).map(([field, key]) => [field, req.t(key, params)]));
  // A password never comes back in a page, whatever its field is called.
  const safeValues = Object.fromEntries(Object.entries(values).filter(([field]) => !/password|^confirm$|^_csrf$/i.test(field)));
  res.status(statusOf(error)).render(view, {
    ...extra,
    values: safeValues,
    errors,
    errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
  });
}
