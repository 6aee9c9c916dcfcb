import type { Translate } from './export/document.js';
import { cellName, MAX_ROWS } from './schemas.js';
import { BLANK_ROWS, columnHeaders, SECTION_LAYOUT, textFields, type SectionContent, type StrategySection } from './sections.js';

/** The flat form values of a section as stored: one per text field, one per table cell (`what-0` …). */
export function sectionValues(section: StrategySection, content: SectionContent): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of textFields(section)) values[field] = content.texts[field] ?? '';
  const table = SECTION_LAYOUT[section].table;
  content.rows.forEach((row, i) => {
    for (const column of table?.columns ?? []) values[cellName(column, i)] = row[column] ?? '';
  });
  return values;
}

interface Input { name: string; label: string; value: string; error?: string; type: string; inputmode?: string; placeholder?: string }

function input(name: string, label: string, values: Record<string, unknown>, errors: Record<string, string>, type = 'text', extra: Partial<Input> = {}): Input {
  const value = values[name];
  return { name, label, value: typeof value === 'string' ? value : '', error: errors[name], type, ...extra };
}

/**
 * What the edit form of a section shows: its text fields, its table with the
 * filled rows plus BLANK_ROWS empty ones, and for the action plan the brief.
 * `values` are the stored values or what the user just posted.
 */
export function sectionForm(section: StrategySection, values: Record<string, unknown>, errors: Record<string, string>, t: Translate) {
  const layout = SECTION_LAYOUT[section];
  const fields = layout.fields.map((f) => input(f, t(`strategies.fields.${f}`), values, errors, 'textarea'));
  const brief = layout.brief?.map((f) => input(f, t(`strategies.brief.${f}`), values, errors, f === 'deadline' ? 'date' : 'textarea'));
  const spec = layout.table;
  if (!spec) return { fields, brief };
  let used = 0;
  for (let i = 0; i < MAX_ROWS; i += 1) {
    if (spec.columns.some((c) => values[cellName(c, i)])) used = i + 1;
  }
  const count = Math.min(MAX_ROWS, used + BLANK_ROWS);
  const headers = columnHeaders(spec, t);
  const rows = Array.from({ length: count }, (_, i) => ({
    label: t('strategies.tables.row', { n: i + 1 }),
    cells: spec.columns.map((column, c) => {
      const label = `${headers[c]}, ${t('strategies.tables.row', { n: i + 1 })}`;
      if (spec.months?.includes(column)) return input(cellName(column, i), label, values, errors, 'month', { placeholder: t('strategies.edit.monthPlaceholder') });
      if (spec.numbers?.includes(column)) return input(cellName(column, i), label, values, errors, 'text', { inputmode: 'numeric' });
      return input(cellName(column, i), label, values, errors);
    }),
  }));
  return {
    fields, brief,
    table: { caption: t(`strategies.tables.${spec.name}.caption`), hint: t(`strategies.tables.${spec.name}.hint`), headers, rows },
  };
}
