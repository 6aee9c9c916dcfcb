import { ImportFileError } from './errors.js';

/** The largest CSV file accepted: a cohort's list is a few dozen lines, so 1 MB is generous. */
export const IMPORT_MAX_BYTES = 1024 * 1024;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Control characters other than tab, line feed and carriage return never occur in a text file.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Turns an uploaded file into text, judging by its content rather than its name:
 * a spreadsheet workbook, other binary data or text that is not UTF-8 is
 * refused with a message saying how to save the list as CSV.
 */
export function decodeCsvFile(bytes: Buffer): string {
  if (bytes.length === 0) throw new ImportFileError('empty');
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw new ImportFileError('spreadsheet');
  if (bytes.includes(0)) throw new ImportFileError('binary');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ImportFileError('notUtf8');
  }
  if (CONTROL.test(text)) throw new ImportFileError('binary');
  return text;
}
