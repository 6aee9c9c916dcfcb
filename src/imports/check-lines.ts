import { z } from 'zod';
import { isValidOrgNumber, normaliseOrgNumber } from '../accounts/index.js';
import type { ImportLine } from './columns.js';

/** A finding about a line; `key` is under imports.problems. Errors keep the line out of the import. */
export interface Problem {
  level: 'error' | 'warning';
  key: string;
  params: Record<string, string | number>;
}

export interface CheckedLine extends ImportLine {
  problems: Problem[];
}

const MAX_TEXT = 200;
const emailSchema = z.email();

const error = (key: string, params: Record<string, string | number> = {}): Problem => ({ level: 'error', key, params });
const warning = (key: string, params: Record<string, string | number> = {}): Problem => ({ level: 'warning', key, params });

/** Compares company names as people write them: case, spacing and a trailing "AS" aside. */
export function sameCompanyName(a: string, b: string): boolean {
  const plain = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').replace(/\s+as$/, '').trim();
  return plain(a) === plain(b);
}

/** The checks one line passes or fails on its own: required values, their form and their length. */
function checkAlone(line: ImportLine): Problem[] {
  const problems: Problem[] = [];
  const required = { orgNumber: line.orgNumber, companyName: line.companyName, personName: line.personName, email: line.email };
  for (const [field, value] of Object.entries(required)) if (!value) problems.push(error(`missing.${field}`));
  if (line.orgNumber && !isValidOrgNumber(line.orgNumber)) problems.push(error('orgNumberInvalid', { value: line.orgNumber }));
  if (line.email && !emailSchema.safeParse(line.email).success) problems.push(error('emailInvalid', { value: line.email }));
  if ([line.companyName, line.personName, line.municipality].some((text) => text.length > MAX_TEXT)) problems.push(error('tooLong', { max: MAX_TEXT }));
  if (line.extraFields > 0) problems.push(error('extraFields', { count: line.extraFields }));
  return problems;
}

/** Lines that share a value, keyed by it (empty values are not compared). */
function linesBy(lines: ImportLine[], value: (line: ImportLine) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const line of lines) {
    const key = value(line);
    if (key) groups.set(key, [...(groups.get(key) ?? []), line.line]);
  }
  return groups;
}

/**
 * Normalises organisation numbers and emails, then checks every line alone and
 * against the rest of the file: an email on two lines is an error on both
 * (each naming the other lines); an organisation number under two names is a warning.
 */
export function checkLines(raw: ImportLine[]): CheckedLine[] {
  const lines = raw.map((line) => ({ ...line, orgNumber: normaliseOrgNumber(line.orgNumber), email: line.email.toLowerCase() }));
  const byEmail = linesBy(lines, (line) => line.email);
  const firstByOrgNumber = new Map<string, ImportLine>();
  return lines.map((line) => {
    const problems = checkAlone(line);
    const others = (byEmail.get(line.email) ?? []).filter((n) => n !== line.line);
    if (others.length) problems.push(error('duplicateEmail', { lines: others.join(', ') }));
    const first = firstByOrgNumber.get(line.orgNumber);
    if (!first && line.orgNumber) firstByOrgNumber.set(line.orgNumber, line);
    else if (first && line.companyName && !sameCompanyName(first.companyName, line.companyName)) {
      problems.push(warning('nameDiffersInFile', { line: first.line, name: first.companyName }));
    }
    return { ...line, problems };
  });
}

export const hasErrors = (line: { problems: Problem[] }) => line.problems.some((p) => p.level === 'error');
export { error as problemError, warning as problemWarning };
