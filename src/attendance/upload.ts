import type { Request, Response } from 'express';
import multer from 'multer';
import { ValidationError } from '../shared/errors.js';
import { CsvTooLargeError } from './errors.js';

/** A paper sheet of a few hundred lines is a few kilobytes; this leaves ample room. */
export const SHEET_MAX_KB = 200;

/**
 * Reads the paper-sheet upload form (one `file`) into memory, refusing a file
 * above SHEET_MAX_KB while it streams in. Resolves with the bytes, or undefined
 * when no file was chosen.
 */
export function sheetReader() {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: SHEET_MAX_KB * 1024, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
  }).single('file');

  return (req: Request, res: Response): Promise<Buffer | undefined> => new Promise((resolve, reject) => {
    parse(req, res, (error: unknown) => {
      if (error) {
        const tooLarge = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE';
        reject(tooLarge ? new CsvTooLargeError(SHEET_MAX_KB) : new ValidationError({ file: 'attendance.csv.badForm' }));
      } else {
        resolve(req.file && req.file.size > 0 ? req.file.buffer : undefined);
      }
    });
  });
}
