import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/**
 * FerretDB v1 on SQLite answers a write that waited its 10-second busy_timeout
 * for the database's single write lock with InternalError (code 1) and a message
 * ending "database is locked (5) (SQLITE_BUSY)". The statement ran in a rolled-back
 * transaction, so nothing of it was written and it may simply be tried again.
 */
const SQLITE_BUSY = /SQLITE_BUSY|database is locked/;

// Labels the driver (or a server) puts on errors that are safe to try again.
const RETRYABLE_LABELS = ['RetryableWriteError', 'PoolRequestedRetry', 'RetryableError', 'SystemOverloadedError'];

/** True for an error that says "try again later": a locked SQLite database, a lost connection, a cleared or busy pool. */
export function isTransientDbError(error: unknown): boolean {
  // A cleared pool is a network error; a connection not handed out in time (not exported by the driver) never ran.
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  if (error instanceof MongoError) {
    if (error.name === 'MongoWaitQueueTimeoutError') return true;
    if (RETRYABLE_LABELS.some((label) => error.hasErrorLabel(label))) return true;
    return error.code === 1 && SQLITE_BUSY.test(error.message);
  }
  return false;
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** The first wait; each further wait doubles, up to `maxDelayMs`, and a random part of it is used. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

let retriesSoFar = 0;

/** How many times retryTransient has tried again in this process; tests and logs read it. */
export const transientRetries = (): number => retriesSoFar;

/**
 * Runs `work`, and runs it again after a transient database error, with growing,
 * jittered waits so that requests that collided do not collide again in step.
 * Only for steps that are idempotent: a lost connection can hide a write that
 * did happen, so trying again must find it rather than do it twice.
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 50;
  const max = options.maxDelayMs ?? 2000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientDbError(error)) throw error;
      retriesSoFar += 1;
      const ceiling = Math.min(max, base * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
    }
  }
}
