import { ValidationError } from '../shared/errors.js';

/**
 * The uploaded file cannot be imported as a whole (not text, malformed CSV,
 * missing columns). `values` fill the message's placeholders, e.g. the line.
 */
export class ImportFileError extends ValidationError {
  constructor(readonly reason: string, readonly values: Record<string, string | number> = {}) {
    super({ file: `imports.errors.${reason}` });
  }
}

/** The file is larger than the import limit; the form answers 413. */
export class ImportFileTooLargeError extends ImportFileError {
  constructor(maxKb: number) {
    super('tooLarge', { maxKb });
  }
}
