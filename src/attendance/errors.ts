import { AppError, PayloadTooLargeError } from '../shared/errors.js';

export type CheckInRefusal = 'wrongCode' | 'tooEarly' | 'closed' | 'notEnrolled';

/** A check-in that stores nothing; `opensAt` says when a too-early code starts to work. */
export class CheckInRefusedError extends AppError {
  constructor(readonly reason: CheckInRefusal, readonly opensAt?: Date) {
    super(`attendance.checkIn.refused.${reason}`);
  }
}

export type NotACsvReason = 'empty' | 'spreadsheet' | 'binary' | 'syntax' | 'header';

/** The upload cannot be read as an attendance sheet at all, so none of it is applied. */
export class NotACsvError extends AppError {
  constructor(readonly reason: NotACsvReason, params: Record<string, string | number> = {}) {
    super(`attendance.csv.notCsv.${reason}`, params);
  }
}

/** The uploaded sheet is above the size limit; it was refused while streaming in. */
export class CsvTooLargeError extends PayloadTooLargeError {
  constructor(kb: number) {
    super({}, 'attendance.csv.tooLarge', { kb });
  }
}

/** Attendance for a session that has not started yet: nobody can have come to it. */
export class SessionNotStartedError extends AppError {
  constructor(readonly startsAt: Date) {
    super('attendance.errors.notStarted');
  }
}

/** Refuses to record attendance before the session's start. */
export function assertSessionStarted(session: { startsAt: Date }, now: Date): void {
  if (now < session.startsAt) throw new SessionNotStartedError(session.startsAt);
}
