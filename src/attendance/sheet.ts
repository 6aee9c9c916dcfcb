import type { AttendanceStatus } from './attendance.model.js';
import { CsvSyntaxError, parseCsv } from '../shared/csv.js';
import { NotACsvError } from './errors.js';

/** One data line of a paper-sheet upload; `status` is undefined when the word is not one we know. */
export interface SheetRow {
  line: number;
  email: string;
  statusText: string;
  status?: AttendanceStatus;
}

const EMAIL_HEADERS = ['email', 'e-mail', 'e-post', 'epost'];
const STATUS_HEADERS = ['status'];

/** The status words a sheet may use, in English and Norwegian bokmål. */
const STATUS_WORDS = new Map<string, AttendanceStatus>([
  ['present', 'present'], ['til stede', 'present'], ['tilstede', 'present'],
  ['late', 'late'], ['sen', 'late'],
  ['excused', 'excused'], ['gyldig fravær', 'excused'],
  ['absent', 'absent'], ['fravær', 'absent'],
]);

const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');

/** The status a sheet's word means ("Til stede" → present), or undefined. */
export function statusFromWord(word: string): AttendanceStatus | undefined {
  return STATUS_WORDS.get(normalise(word));
}

/** Refuses what is plainly not CSV text: a spreadsheet, other binary content, or text that is not UTF-8. */
function decodeText(bytes: Buffer): string {
  if (bytes.length === 0) throw new NotACsvError('empty');
  const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const oldExcel = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (zip || oldExcel) throw new NotACsvError('spreadsheet');
  if (bytes.includes(0)) throw new NotACsvError('binary');
  try {
    // The decoder drops a leading byte-order mark, which Excel's "CSV UTF-8" writes.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotACsvError('binary');
  }
}

/**
 * Reads an uploaded attendance sheet: UTF-8 CSV, comma or semicolon separated,
 * with a header naming the email and status columns (others are ignored).
 * Throws NotACsvError when the file as a whole cannot be used.
 */
export function readAttendanceSheet(bytes: Buffer): SheetRow[] {
  const text = decodeText(bytes);
  let records;
  try {
    records = parseCsv(text).records;
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new NotACsvError('syntax', { line: error.line });
    throw error;
  }
  const filled = records.filter((record) => record.fields.some((field) => field.trim() !== ''));
  const [header, ...rows] = filled;
  if (!header) throw new NotACsvError('empty');
  const names = header.fields.map(normalise);
  const emailAt = names.findIndex((name) => EMAIL_HEADERS.includes(name));
  const statusAt = names.findIndex((name) => STATUS_HEADERS.includes(name));
  if (emailAt < 0 || statusAt < 0) throw new NotACsvError('header');
  return rows.map((record) => {
    const statusText = (record.fields[statusAt] ?? '').trim();
    return { line: record.line, email: (record.fields[emailAt] ?? '').trim().toLowerCase(), statusText, status: statusFromWord(statusText) };
  });
}
