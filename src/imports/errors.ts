import { ValidationError } from '../shared/errors.js';
import type { KeysUnder } from '../shared/i18n/index.js';

/**
 * The uploaded file cannot be imported as a whole (not text, malformed CSV,
 * missing columns). `params` fill the message's placeholders, e.g. the line.
 * A file over the size limit is the shared PayloadTooLargeError (413).
 */
export class ImportFileError extends ValidationError {
  constructor(readonly reason: KeysUnder<'imports.errors'>, params: Record<string, string | number> = {}) {
    super({ file: `imports.errors.${reason}` }, undefined, params);
  }
}
