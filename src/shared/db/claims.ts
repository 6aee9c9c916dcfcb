import { isDuplicateKey } from '../errors.js';

/**
 * The atomic moves FerretDB offers: an insert under a unique index either
 * happens or fails with a duplicate key, even when many requests race. Its
 * conditional updates are a read followed by a write, so every rule that must
 * hold under concurrency (single-use links, one strategy per company, numbered
 * versions, seats) is built from these three.
 */

/** Runs `insert`; true when it stored, false when a unique index says it exists already. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
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

/** Thrown by appendNext when every attempt lost its number to someone else. */
export class AppendContendedError extends Error {
  constructor(attempts: number) {
    super(`lost the next number ${attempts} times in a row`);
    this.name = 'AppendContendedError';
  }
}

/**
 * Appends at the number after the last one: reads the last, inserts last + 1,
 * and on a duplicate (another request took it) reads again. Numbers stay
 * gapless and unique; after `maxAttempts` losses it gives up.
 */
export async function appendNext(last: () => Promise<number>, insertAt: (next: number) => Promise<unknown>, maxAttempts = 25): Promise<number> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const next = (await last()) + 1;
    if (await insertOnce(() => insertAt(next))) return next;
  }
  throw new AppendContendedError(maxAttempts);
}
