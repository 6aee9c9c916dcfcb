import { ValidationError } from '../shared/errors.js';
import { singleFileReader } from '../shared/http/upload.js';
import { FileTooLargeError } from './errors.js';

export type { ReceivedFile } from '../shared/http/upload.js';

/** Reads the material upload form (title, place and one `file`), refusing a file above `maxBytes`. */
export function uploadReader(maxBytes: number) {
  return singleFileReader({
    maxBytes, fields: 11, fieldSize: 10_000,
    tooLarge: () => new FileTooLargeError(),
    badForm: () => new ValidationError({ file: 'materials.errors.badForm' }),
  });
}
