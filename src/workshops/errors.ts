import { ConflictError } from '../shared/errors.js';

/** A session would move onto a public holiday, which the coordinator has not confirmed yet. */
export class HolidayMoveError extends ConflictError {
  constructor(readonly days: Array<{ position: number; date: string; holiday: string }>) {
    super('workshops.holidayMove.confirm');
  }
}
