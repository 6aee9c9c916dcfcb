import { STRATEGY_SECTIONS, type StrategySection } from '../courses/index.js';
import type { KeysUnder, MessageKey } from '../shared/i18n/index.js';

export { STRATEGY_SECTIONS, type StrategySection };

/** A table's columns: each has its header at strategies.tables.<table>.<column>. */
type ColumnOf<Name extends string> = Exclude<KeysUnder<`strategies.tables.${Name}`>, 'caption' | 'hint'>;

interface TableOf<Name extends 'objectives' | 'actions'> {
  name: Name;
  columns: readonly ColumnOf<Name>[];
  /** Columns holding a month (yyyy-mm) or a whole number of kroner, validated as such. */
  months?: readonly string[];
  numbers?: readonly string[];
}

/** A table in a section: rows of short cells, e.g. the visibility objectives. */
export type TableLayout = TableOf<'objectives'> | TableOf<'actions'>;

/** What one section asks for: free-text fields, an optional table and, for the action plan, the supplier brief. */
export interface SectionLayout {
  /** Each labelled by strategies.fields.<field>. */
  fields: readonly KeysUnder<'strategies.fields'>[];
  table?: TableLayout;
  /** Each labelled by strategies.brief.<field>. */
  brief?: readonly KeysUnder<'strategies.brief'>[];
}

/** The headers of a table's columns in the reader's language, in order. */
export function columnHeaders(table: TableLayout, t: (key: MessageKey) => string): string[] {
  // Told apart by name, so each column is checked against its own table's keys.
  return table.name === 'objectives'
    ? table.columns.map((c) => t(`strategies.tables.objectives.${c}`))
    : table.columns.map((c) => t(`strategies.tables.actions.${c}`));
}

/**
 * The six sections in module order. The fields follow each module's exercise,
 * so what the company writes at the workshop has a place here.
 */
export const SECTION_LAYOUT: Record<StrategySection, SectionLayout> = {
  'current-situation': { fields: ['customers', 'works', 'missing', 'opportunities'] },
  'visibility-objectives': {
    fields: ['listings'],
    table: { name: 'objectives', columns: ['what', 'measure', 'today', 'target', 'byWhen'], months: ['byWhen'] },
  },
  'channels-content': { fields: ['channels', 'themes', 'routine', 'measure'] },
  'sales-ecommerce': { fields: ['step', 'payment', 'delivery', 'rules'] },
  'tools-security': { fields: ['timeThieves', 'tools', 'security', 'incident'] },
  'action-plan': {
    fields: ['intro'],
    table: { name: 'actions', columns: ['action', 'owner', 'month', 'cost'], months: ['month'], numbers: ['cost'] },
    brief: ['order', 'goals', 'budget', 'deadline'],
  },
};

export type Row = Record<string, string>;

/** One section as stored: texts by field (brief fields included) and the table's rows. */
export interface SectionContent {
  texts: Record<string, string>;
  rows: Row[];
}

export type StrategyContent = Record<StrategySection, SectionContent>;

/** Blank rows offered below the filled ones, so the form works without JavaScript. */
export const BLANK_ROWS = 3;

export function isSection(value: unknown): value is StrategySection {
  return typeof value === 'string' && (STRATEGY_SECTIONS as readonly string[]).includes(value);
}

const emptySection = (): SectionContent => ({ texts: {}, rows: [] });

export function emptyContent(): StrategyContent {
  return Object.fromEntries(STRATEGY_SECTIONS.map((s) => [s, emptySection()])) as StrategyContent;
}

/** The text fields of a section, brief included. */
export function textFields(section: StrategySection): string[] {
  const layout = SECTION_LAYOUT[section];
  return [...layout.fields, ...(layout.brief ?? [])];
}

/** Keeps only known sections, fields and columns of stored content, whatever an older version held. */
export function normaliseContent(raw: unknown): StrategyContent {
  const content = emptyContent();
  const source = (raw ?? {}) as Record<string, Partial<SectionContent> | undefined>;
  for (const section of STRATEGY_SECTIONS) {
    const stored = source[section];
    if (!stored) continue;
    for (const field of textFields(section)) {
      const value = stored.texts?.[field];
      if (typeof value === 'string' && value.trim()) content[section].texts[field] = value;
    }
    const table = SECTION_LAYOUT[section].table;
    if (table && Array.isArray(stored.rows)) {
      content[section].rows = stored.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c, typeof row?.[c] === 'string' ? row[c] : ''])));
    }
  }
  return content;
}

/** True when a section has neither text nor a table row. */
export function sectionIsEmpty(content: SectionContent): boolean {
  return Object.values(content.texts).every((v) => !v.trim()) && content.rows.length === 0;
}

/** True when the supplier brief has any text. */
export function hasBrief(content: StrategyContent): boolean {
  return (SECTION_LAYOUT['action-plan'].brief ?? []).some((f) => content['action-plan'].texts[f]?.trim());
}
