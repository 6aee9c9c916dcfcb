import { ImportFileError } from './errors.js';
import { CsvSyntaxError, parseCsv } from '../shared/csv.js';

/** What one line of an import file says, before any checking. */
export interface ImportLine {
  line: number;
  orgNumber: string;
  companyName: string;
  personName: string;
  email: string;
  municipality: string;
  /** Non-empty values beyond the header's columns, usually an unquoted delimiter in a name. */
  extraFields: number;
}

type Column = 'orgNumber' | 'companyName' | 'personName' | 'email' | 'municipality';

/** The header names accepted for each column, in Norwegian and English, compared case-insensitively. */
export const COLUMN_NAMES: Record<Column, string[]> = {
  orgNumber: ['orgnr', 'organisasjonsnummer', 'org_number'],
  companyName: ['bedrift', 'firma', 'company'],
  personName: ['navn', 'name'],
  email: ['e-post', 'epost', 'email'],
  municipality: ['kommune', 'municipality'],
};

const REQUIRED: Column[] = ['orgNumber', 'companyName', 'personName', 'email'];

/** A list longer than this is not a cohort's participants; it is refused before anything is stored. */
export const MAX_IMPORT_LINES = 5000;

function columnOf(header: string): Column | undefined {
  const name = header.trim().toLowerCase();
  return (Object.keys(COLUMN_NAMES) as Column[]).find((column) => COLUMN_NAMES[column].includes(name));
}

/** Finds each known column's position in the header; unknown columns are ignored. */
function mapHeader(header: string[]): Partial<Record<Column, number>> {
  const positions: Partial<Record<Column, number>> = {};
  header.forEach((name, index) => {
    const column = columnOf(name);
    if (!column) return;
    if (positions[column] !== undefined) throw new ImportFileError('duplicateColumn', { column: name.trim() });
    positions[column] = index;
  });
  const missing = REQUIRED.filter((column) => positions[column] === undefined);
  if (missing.length) {
    throw new ImportFileError('missingColumns', { columns: missing.map((column) => COLUMN_NAMES[column].join(' / ')).join(', ') });
  }
  return positions;
}

/**
 * Reads the lines of an import file by its header, skipping blank lines.
 * Throws an ImportFileError for malformed CSV, missing columns
 * or a file without data lines.
 */
export function readImportLines(csvText: string): ImportLine[] {
  let records;
  try {
    records = parseCsv(csvText).records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(error.reason, { line: error.line });
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError('empty');
  const positions = mapHeader(header.fields);
  if (data.length === 0) throw new ImportFileError('noRows');
  if (data.length > MAX_IMPORT_LINES) throw new ImportFileError('tooManyRows', { max: MAX_IMPORT_LINES });
  const value = (fields: string[], column: Column) => {
    const at = positions[column];
    return at === undefined ? '' : (fields[at] ?? '').trim();
  };
  return data.map(({ line, fields }) => ({
    line,
    orgNumber: value(fields, 'orgNumber'),
    companyName: value(fields, 'companyName'),
    personName: value(fields, 'personName'),
    email: value(fields, 'email'),
    municipality: value(fields, 'municipality'),
    extraFields: fields.slice(header.fields.length).filter((f) => f.trim() !== '').length,
  }));
}
