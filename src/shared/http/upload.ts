import type { Request, Response } from 'express';
import multer from 'multer';
import { withoutNul } from './text-input.js';

/** The one file of an upload form, as received. */
export interface ReceivedFile {
  originalName: string;
  bytes: Buffer;
}

export interface UploadForm {
  /** The largest file accepted; a larger one is refused while it streams in, so it never reaches storage. */
  maxBytes: number;
  /** How many other fields the form has at most, and how long each may be. */
  fields: number;
  fieldSize: number;
  /** The component's errors for a file over the limit and for a form that is not what it sends. */
  tooLarge: () => Error;
  badForm: () => Error;
}

/**
 * Reads a multipart form with one `file` into memory. Resolves with the file,
 * or undefined when none was chosen; a file over the limit and a malformed form
 * (anything else multer or busboy can raise is the sender's fault) reject with
 * the component's own errors.
 */
export function singleFileReader(form: UploadForm): (req: Request, res: Response) => Promise<ReceivedFile | undefined> {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: Math.floor(form.maxBytes), files: 1, fields: form.fields, fieldSize: form.fieldSize, parts: form.fields + 1 },
    // Browsers send file names as UTF-8; busboy's default (latin1) would garble æ, ø and å.
    defParamCharset: 'utf8',
  }).single('file');

  return (req, res) => new Promise((resolve, reject) => {
    parse(req, res, (error: unknown) => {
      if (error) {
        reject(error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? form.tooLarge() : form.badForm());
      } else {
        // The form's other fields are stored as text, so they get the same clean-up as any other form (see text-input.ts).
        req.body = withoutNul(req.body);
        resolve(req.file && req.file.size > 0 ? { originalName: withoutNul(req.file.originalname), bytes: req.file.buffer } : undefined);
      }
    });
  });
}
