import crypto from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other on a projector: no 0/O, 1/I. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** Arriving more than this long after the start counts as late. */
export const LATE_AFTER_MINUTES = 15;

const MINUTE_MS = 60_000;

/** A fresh random session code, e.g. "K7QM2X". */
export function newCheckInCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('');
}

/** What a person typed, as a code: upper case, without spaces or dashes ("k7q m2x" → "K7QM2X"). */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/**
 * When a session's code works: from the start until the end. Not before the
 * start, as no attendance is recorded for a session that has not begun.
 */
export function checkInWindow(session: { startsAt: Date; endsAt: Date }): { opensAt: Date; closesAt: Date } {
  return { opensAt: session.startsAt, closesAt: session.endsAt };
}

/** 'present' on time, 'late' when more than LATE_AFTER_MINUTES after the start. */
export function arrivalStatus(session: { startsAt: Date }, now: Date): 'present' | 'late' {
  return now.getTime() > session.startsAt.getTime() + LATE_AFTER_MINUTES * MINUTE_MS ? 'late' : 'present';
}
