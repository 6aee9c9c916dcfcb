import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { translate, type MessageKey } from '../i18n/index.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from '../errors.js';
import { isMalformedId } from '../db/ids.js';

/** Every status statusOf gives; each has its page title at errors.title<status>. */
export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 500 | 503;

// Checked in order with instanceof, so a subclass gets its parent's status unless listed before it.
const STATUS: Array<[abstract new (...args: never[]) => AppError, ErrorStatus]> = [
  [NotFoundError, 404], [ForbiddenError, 403], [PayloadTooLargeError, 413], [ValidationError, 400], [ConflictError, 409],
];

/** The HTTP status an error means: named errors by their class, an unreachable database 503, anything else 500. */
export function statusOf(error: unknown): ErrorStatus {
  if (error instanceof AppError) return STATUS.find(([kind]) => error instanceof kind)?.[1] ?? 400;
  return isDatabaseUnavailable(error) ? 503 : 500;
}

/** The errors the framework raises itself, as the app's own named errors. */
function asAppError(error: unknown): unknown {
  if (isMalformedId(error)) return new NotFoundError();
  // body-parser's refusal of a body over the limit.
  if ((error as { type?: string } | undefined)?.type === 'entity.too.large') return new PayloadTooLargeError();
  return error;
}

const RETRY_AFTER_SECONDS = 5;

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/** Maps named errors to status codes and the error page; stack traces only outside production. */
export function errorHandler(options: { logger: Logger; showStack: boolean }): ErrorRequestHandler {
  return (error, req, res, next) => {
    // A response already under way (a download, say) cannot become an error page; Express ends it.
    if (res.headersSent) return next(error);
    const named = asAppError(error);
    const status = statusOf(named);
    if (status === 500) options.logger.error({ err: error, url: req.originalUrl }, 'request failed');
    if (status === 503) {
      options.logger.warn({ err: error, url: req.originalUrl }, 'database unavailable');
      // Browsers, calendar apps and monitors may try again; this is an outage, not a missing page.
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    const messageKey = named instanceof AppError ? named.messageKey : status === 503 ? 'errors.unavailable' : 'errors.server';
    const t = req.t ?? ((key: MessageKey, params?: Record<string, unknown>) => translate('nb', key, params));
    const message = t(messageKey, named instanceof AppError ? named.params : {});
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: message });
      return;
    }
    res.locals.lang ??= 'nb';
    res.render('errors/error', {
      status,
      pageTitle: t(`errors.title${status}`),
      message,
      stack: options.showStack && status === 500 ? String(error.stack) : undefined,
    });
  };
}
