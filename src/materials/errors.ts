import { PayloadTooLargeError, ValidationError } from '../shared/errors.js';

/** The upload is larger than UPLOAD_MAX_MB; the form answers 413 rather than 400. */
export class FileTooLargeError extends PayloadTooLargeError {
  constructor() {
    super({ file: 'materials.errors.tooLarge' });
  }
}

/** The content is not one of the accepted kinds, whatever its name or claimed type says. */
export class UnsupportedFileTypeError extends ValidationError {
  constructor(messageKey: 'materials.errors.unsupportedType' | 'materials.errors.executable' | 'materials.errors.empty') {
    super({ file: messageKey });
  }
}
