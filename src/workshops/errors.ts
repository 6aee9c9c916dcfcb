import { ConflictError, NotFoundError } from '../shared/errors.js';

/** A session would move onto a public holiday, which the coordinator has not confirmed yet. */
export class HolidayMoveError extends ConflictError {
  constructor(readonly days: Array<{ position: number; date: string; holiday: string }>) {
    super('workshops.holidayMove.confirm');
  }
}


/**
 * Refusals of an enrolment action that a form explains where the person
 * stands (the manage page, an import line), told apart by class rather than
 * by message key. A plain NotFoundError stays a 404 page.
 */

/** The company has no enrolment in the cohort (it left, or never joined). */
export class NotEnrolledError extends NotFoundError {
  constructor() {
    super('workshops.notEnrolled');
  }
}

/** The company holds a seat or waitlist place in the cohort already. */
export class AlreadyEnrolledError extends ConflictError {
  constructor() {
    super('workshops.alreadyEnrolled');
  }
}

/** The company's enrolment has as many participants as the cohort allows per company. */
export class ParticipantLimitError extends ConflictError {
  constructor(limit: number) {
    super('workshops.participantLimit', { limit });
  }
}
