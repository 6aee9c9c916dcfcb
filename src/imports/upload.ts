import type { Request, Response } from 'express';
import multer from 'multer';
import { ImportFileError, ImportFileTooLargeError } from './errors.js';

/** The uploaded list, as received. */
export interface ReceivedFile {
  originalName: string;
  bytes: Buffer;
}

/**
 * Reads the import form (one `file`) into memory, refusing a file above
 * `maxBytes` while it streams in. Resolves with the file, or undefined when none was chosen.
 */
export function importUploadReader(maxBytes: number) {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1_000, parts: 6 },
    defParamCharset: 'utf8',
  }).single('file');

  return (req: Request, res: Response): Promise<ReceivedFile | undefined> => new Promise((resolve, reject) => {
    parse(req, res, (error: unknown) => {
      if (!error) {
        resolve(req.file && req.file.size > 0 ? { originalName: req.file.originalname, bytes: req.file.buffer } : undefined);
        return;
      }
      const tooLarge = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE';
      reject(tooLarge ? new ImportFileTooLargeError(Math.round(maxBytes / 1024)) : new ImportFileError('badForm'));
    });
  });
}
