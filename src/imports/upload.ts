import { singleFileReader } from '../shared/http/upload.js';
import { PayloadTooLargeError } from '../shared/errors.js';
import { ImportFileError } from './errors.js';

export type { ReceivedFile } from '../shared/http/upload.js';

/** Reads the import form (one `file`), refusing a file above `maxBytes`. */
export function importUploadReader(maxBytes: number) {
  return singleFileReader({
    maxBytes, fields: 5, fieldSize: 1_000,
    tooLarge: () => new PayloadTooLargeError({ file: 'imports.errors.tooLarge' }, undefined, { maxKb: Math.round(maxBytes / 1024) }),
    badForm: () => new ImportFileError('badForm'),
  });
}
