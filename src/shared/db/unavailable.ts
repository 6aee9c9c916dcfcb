import {
  MongoNetworkError, MongoNotConnectedError, MongoServerSelectionError, MongoTopologyClosedError, MongoUnexpectedServerResponseError,
} from 'mongodb';

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
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError || error instanceof MongoNotConnectedError
    || error instanceof MongoTopologyClosedError || error instanceof MongoUnexpectedServerResponseError) return true;
  if (UNAVAILABLE_NAMES.has(error.name)) return true;
  // Mongoose queues operations while disconnected and gives up with this message.
  return error.name === 'MongooseError' && /buffering timed out/.test(error.message);
}
