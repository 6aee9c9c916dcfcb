import type { Request, Response } from 'express';
import { ValidationError } from '../shared/errors.js';
import { singleFileReader } from '../shared/http/upload.js';
import { CsvTooLargeError } from './errors.js';

/** A paper sheet of a few hundred lines is a few kilobytes; this leaves ample room. */
export const SHEET_MAX_KB = 200;

/** Reads the paper-sheet upload form; resolves with the sheet's bytes, or undefined when no file was chosen. */
export function sheetReader() {
  const read = singleFileReader({
    maxBytes: SHEET_MAX_KB * 1024, fields: 5, fieldSize: 1000,
    tooLarge: () => new CsvTooLargeError(SHEET_MAX_KB),
    badForm: () => new ValidationError({ file: 'attendance.csv.badForm' }),
  });
  return async (req: Request, res: Response): Promise<Buffer | undefined> => (await read(req, res))?.bytes;
}
