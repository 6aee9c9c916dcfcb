import mongoose, { Types } from 'mongoose';
import { NotFoundError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';

/** An id as the app passes it around: a string from a form or address, or an ObjectId from the database. */
export type Id = string | Types.ObjectId;

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The ObjectId in `value`, or undefined when it cannot be one (a mistyped or tampered address). */
export function toObjectId(value: unknown): Types.ObjectId | undefined {
  if (value instanceof Types.ObjectId) return value;
  return typeof value === 'string' && OBJECT_ID.test(value) ? new Types.ObjectId(value) : undefined;
}

/**
 * The ObjectId in `value`; a value that cannot be one names a page that does not
 * exist. Only a malformed id becomes "not found": a failing database stays an error.
 */
export function idOrNotFound(value: unknown, messageKey?: MessageKey): Types.ObjectId {
  const id = toObjectId(value);
  if (!id) throw new NotFoundError(messageKey);
  return id;
}

/**
 * True for Mongoose's complaint that a value in a query cannot be an ObjectId:
 * the request named something that cannot exist. The error handler answers 404
 * for it, as a safety net behind idOrNotFound.
 */
export function isMalformedId(error: unknown): boolean {
  return error instanceof mongoose.Error.CastError && error.kind === 'ObjectId';
}
