import { ConflictError } from '../errors.js';

/**
 * The atomic moves FerretDB offers: a write under a unique index either
 * happens or fails with a duplicate key, even when many requests race. Its
 * conditional updates are a read followed by a write, so every rule that must
 * hold under concurrency (single-use links, one strategy per company, numbered
 * versions, seats, unique names) is built from these helpers. They are the only
 * code that looks at duplicate-key errors; everything else says what a lost
 * race means through them.
 */

/**
 * FerretDB v1 answers an *update* that breaks a unique index with an internal error carrying the
 * backend's own words, not with code 11000 as it does for inserts: SQLite's "UNIQUE constraint
 * failed" (extended code 2067) or PostgreSQL's "duplicate key value violates unique constraint".
 */
const BACKEND_UNIQUE_VIOLATION = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

/** A write refused by a unique index (MongoDB's duplicate-key error, or FerretDB's words for it); only this module reads it. */
function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: number; message?: unknown };
  return code === 11000 || (typeof message === 'string' && BACKEND_UNIQUE_VIOLATION.test(message));
}

/** Marks a try that lost to a unique index, for the loops below. */
const LOST: unique symbol = Symbol('lost');

/**
 * Runs `write` (an insert, or an update of a uniquely indexed value); when a
 * unique index refuses it because the value is taken, resolves with what
 * `otherwise` gives instead, e.g. an update of the winner's document, or throws
 * what it throws, e.g. a "name taken" validation error.
 */
export async function unlessTaken<T, U = T>(write: () => Promise<T>, otherwise: () => U | Promise<U>): Promise<T | U> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // Outside the catch, so an error of `otherwise` is its own and never read as a lost race.
  return otherwise();
}

/** Runs `insert`; true when it stored, false when a unique index says it exists already. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  return unlessTaken(async () => {
    await insert();
    return true;
  }, () => false);
}

/**
 * Tries `claim` for each candidate in order until one insert stores; resolves
 * with that candidate, or undefined when every one was taken. `stopWhen` is
 * asked after each lost candidate (e.g. "do I already hold one?") and ends the
 * search early with undefined.
 */
export async function claimFirstFree<T>(candidates: Iterable<T>, claim: (candidate: T) => Promise<unknown>, stopWhen?: () => Promise<boolean>): Promise<T | undefined> {
  for (const candidate of candidates) {
    if (await insertOnce(() => claim(candidate))) return candidate;
    if (stopWhen && (await stopWhen())) return undefined;
  }
  return undefined;
}

/** Every bounded try lost to a concurrent request: the person is asked to try again (409). */
export class ClaimContendedError extends ConflictError {
  constructor(readonly attempts: number) {
    super('errors.busy');
  }
}

/**
 * Runs `attempt` until its write stores, at most `maxAttempts` times. Each try
 * builds its write afresh (a slot cleared again, a new random id), so it may
 * store where the last one lost; the bound keeps a hot spot from spinning.
 */
export async function retryWhileTaken<T>(attempt: () => Promise<T>, maxAttempts: number): Promise<T> {
  for (let tries = 0; tries < maxAttempts; tries += 1) {
    const result = await unlessTaken<T, typeof LOST>(attempt, () => LOST);
    if (result !== LOST) return result;
  }
  throw new ClaimContendedError(maxAttempts);
}

/**
 * Inserts, or reads the document that holds the same unique value: resolves
 * with it and whether this call created it. When no winner is found (the
 * duplicate was another unique value, e.g. a random id, or the winner is gone
 * again) the insert is tried again, at most `maxAttempts` times in all.
 */
export async function insertOrReadWinner<T>(insert: () => Promise<T>, readWinner: () => Promise<T | null | undefined>, maxAttempts: number): Promise<{ value: T; created: boolean }> {
  for (let tries = 0; tries < maxAttempts; tries += 1) {
    const stored = await unlessTaken<T, typeof LOST>(insert, () => LOST);
    if (stored !== LOST) return { value: stored, created: true };
    const winner = await readWinner();
    if (winner !== null && winner !== undefined) return { value: winner, created: false };
  }
  throw new ClaimContendedError(maxAttempts);
}

/**
 * Appends at the number after the last one: reads the last, inserts last + 1,
 * and on a duplicate (another request took it) reads again. Numbers stay
 * gapless and unique; after `maxAttempts` losses it gives up.
 */
export async function appendNext(last: () => Promise<number>, insertAt: (next: number) => Promise<unknown>, maxAttempts: number): Promise<number> {
  return retryWhileTaken(async () => {
    const next = (await last()) + 1;
    await insertAt(next);
    return next;
  }, maxAttempts);
}
