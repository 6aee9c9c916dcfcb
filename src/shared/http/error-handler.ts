import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { translate } from '../i18n/index.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { isMalformedId } from '../db/ids.js';

const STATUS = new Map<Function, number>([
  [NotFoundError, 404], [ForbiddenError, 403], [ValidationError, 400], [ConflictError, 409],
]);

const RETRY_AFTER_SECONDS = 5;

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/** Maps named errors to status codes and the error page; stack traces only outside production. */
export function errorHandler(options: { logger: Logger; showStack: boolean }): ErrorRequestHandler {
  return (error, req, res, next) => {
    // A response already under way (a download, say) cannot become an error page; Express ends it.
    if (res.headersSent) return next(error);
    if (isMalformedId(error)) error = new NotFoundError();
    const known = error instanceof AppError;
    const payloadTooLarge = (error as { type?: string }).type === 'entity.too.large';
    const unavailable = !known && isDatabaseUnavailable(error);
    const status = known ? (STATUS.get(error.constructor) ?? 400) : payloadTooLarge ? 413 : unavailable ? 503 : 500;
    if (status === 500) options.logger.error({ err: error, url: req.originalUrl }, 'request failed');
    if (unavailable) {
      options.logger.warn({ err: error, url: req.originalUrl }, 'database unavailable');
      // Browsers, calendar apps and monitors may try again; this is an outage, not a missing page.
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    const messageKey = known ? error.messageKey : payloadTooLarge ? 'errors.tooLarge' : unavailable ? 'errors.unavailable' : 'errors.server';
    const t = req.t ?? ((key: string, params?: Record<string, unknown>) => translate('nb', key, params));
    const message = t(messageKey, known ? error.params : {});
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
