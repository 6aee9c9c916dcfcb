import { MongoNotConnectedError, MongoTopologyClosedError, MongoUnexpectedServerResponseError } from 'mongodb';
import { isTransientDbError } from './retry-transient.js';

// Mongoose wraps some of the driver's errors in its own classes; they are recognised by name.
const UNAVAILABLE_NAMES = new Set(['MongooseServerSelectionError', 'MongoPoolClearedError', 'PoolClearedError', 'PoolClearedOnNetworkError']);

/**
 * True when an error means the database could not be asked or its answer cannot
 * be trusted: the request failed for now, and the same request may work shortly.
 * Such a failure is never "not found": a calendar feed answering 404 makes
 * calendar apps drop the subscription, so it answers 503 instead.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // What is worth retrying (a lost connection, a locked SQLite database) is, once retries ran out, unavailable for now.
  if (isTransientDbError(error)) return true;
  if (error instanceof MongoNotConnectedError || error instanceof MongoTopologyClosedError || error instanceof MongoUnexpectedServerResponseError) return true;
  if (UNAVAILABLE_NAMES.has(error.name)) return true;
  // Mongoose queues operations while disconnected and gives up with this message.
  return error.name === 'MongooseError' && /buffering timed out/.test(error.message);
}
