import type { NextFunction, Request, Response } from 'express';

/**
 * Middleware: a body that is not a form (JSON, plain text, none at all) is read as an empty form.
 * Express 5 leaves req.body undefined when no parser took the body, and routes read its fields, so a
 * script posting JSON got a server error where a form with nothing filled in gets its own refusal (400).
 * Uploads are unaffected: their reader sets the body when it parses the multipart form.
 */
export function emptyFormWhenNotParsed(req: Request, _res: Response, next: NextFunction): void {
  req.body ??= {};
  next();
}
