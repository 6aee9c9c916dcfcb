import type { MessageKey } from './i18n/index.js';

/**
 * Errors named by what went wrong. Each carries an i18n message key (and values
 * for it) rather than user-facing text; the error middleware picks the status.
 */
export class AppError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey: MessageKey = 'errors.notFound', params?: Record<string, string | number>) {
    super(messageKey, params);
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey: MessageKey = 'errors.forbidden', params?: Record<string, string | number>) {
    super(messageKey, params);
  }
}

/** Problems with submitted values; `fields` maps a form field to its message key. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: Record<string, MessageKey>,
    messageKey: MessageKey = 'errors.validation',
    params?: Record<string, string | number>,
  ) {
    super(messageKey, params);
  }
}

/** A body or upload over its size limit: a validation problem that answers 413 rather than 400. */
export class PayloadTooLargeError extends ValidationError {
  constructor(fields: Record<string, MessageKey> = {}, messageKey: MessageKey = 'errors.tooLarge', params?: Record<string, string | number>) {
    super(fields, messageKey, params);
  }
}

/** A request that conflicts with the current state, e.g. a duplicate or a clash. */
export class ConflictError extends AppError {}
