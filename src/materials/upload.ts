import type { Request, Response } from 'express';
import multer from 'multer';
import { ValidationError } from '../shared/errors.js';
import { FileTooLargeError } from './errors.js';

/** The one file of an upload form, as received. */
export interface ReceivedFile {
  originalName: string;
  bytes: Buffer;
}

/**
 * Reads a multipart upload form (fields plus one `file`) into memory, refusing
 * a file above `maxBytes` while it streams in, so an oversize upload never
 * reaches storage. Resolves with the file, or undefined when none was chosen.
 */
export function uploadReader(maxBytes: number) {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: Math.floor(maxBytes), files: 1, fields: 10, fieldSize: 10_000, parts: 12 },
    // Browsers send file names as UTF-8; busboy's default (latin1) would garble æ, ø and å.
    defParamCharset: 'utf8',
  }).single('file');

  return (req: Request, res: Response): Promise<ReceivedFile | undefined> => new Promise((resolve, reject) => {
    parse(req, res, (error: unknown) => {
      if (error) {
        // Everything else multer or busboy can raise is a malformed or unexpected form: the sender's fault.
        const tooLarge = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE';
        reject(tooLarge ? new FileTooLargeError() : new ValidationError({ file: 'materials.errors.badForm' }));
      } else {
        resolve(req.file && req.file.size > 0 ? { originalName: req.file.originalname, bytes: req.file.buffer } : undefined);
      }
    });
  });
}
