import { uncheckedKey, type KeysUnder, type MessageKey } from '../shared/i18n/index.js';
import type { ImportRowDoc } from './import.model.js';

type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

/** What the preview says a line will do, as an i18n key under imports.outcome. */
export function outcomeKey(row: Pick<ImportRowDoc, 'state' | 'company' | 'person'>): KeysUnder<'imports.outcome'> {
  if (row.state === 'skipped') return 'error';
  if (row.company === 'new') return row.person === 'new' ? 'newBoth' : 'newCompany';
  return row.person === 'new' ? 'newPerson' : 'link';
}

const problemText = (t: Translate, problem: { key: string; params?: unknown; level: string }) => ({
  level: problem.level,
  // The key was stored with the row (check-lines.ts names it), so it comes back as plain text.
  text: t(uncheckedKey(`imports.problems.${problem.key}`), (problem.params ?? {}) as Record<string, unknown>),
});

/** What became of a line once imported, e.g. "company created, added as participant". */
function details(t: Translate, row: ImportRowDoc): string {
  const parts = ([
    row.companyCreated && 'companyCreated', row.personCreated && 'personCreated', row.enrolment, row.invited && 'invited',
  ] as const).filter((part) => typeof part === 'string');
  return parts.map((part) => t(`imports.details.${part}`)).join(', ');
}

/** Table rows for the preview and result pages, with every message in the reader's language. */
export function rowsForPage(t: Translate, rows: ImportRowDoc[]) {
  return rows.map((row) => ({
    line: row.line, orgNumber: row.orgNumber, companyName: row.companyName, personName: row.personName, email: row.email,
    isError: row.state === 'skipped' || row.state === 'failed',
    outcome: t(`imports.outcome.${outcomeKey(row)}`),
    state: t(`imports.state.${row.state}`),
    details: row.state === 'done' ? details(t, row) : '',
    problems: [...row.problems, ...(row.failure ? [row.failure] : [])].map((problem) => problemText(t, problem)),
  }));
}

/** Counts for the result page. */
export function resultCounts(rows: ImportRowDoc[]) {
  const count = (test: (row: ImportRowDoc) => boolean) => rows.filter(test).length;
  return {
    imported: count((r) => r.state === 'done'),
    failed: count((r) => r.state === 'failed'),
    skipped: count((r) => r.state === 'skipped'),
    companies: count((r) => r.companyCreated === true),
    people: count((r) => r.personCreated === true),
    enrolled: count((r) => r.enrolment === 'enrolled'),
    waitlisted: count((r) => r.enrolment === 'waitlisted'),
    invited: count((r) => r.invited === true),
  };
}
