import { DateTime } from 'luxon';
import type { Language, MessageKey } from '../../shared/i18n/index.js';
import { columnHeaders, SECTION_LAYOUT, sectionIsEmpty, STRATEGY_SECTIONS, type StrategyContent, type StrategySection } from '../sections.js';
import { formatNumber, localeOf, localPattern } from '../../shared/i18n/format.js';

/** Translates a key in the reader's language (req.t, or translate bound to a language). */
export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

export interface ShownText { field: string; label: string; text: string }

export interface ShownTable {
  caption: string;
  headers: string[];
  rows: string[][];
  /** The sum of the cost column (the last one), for the action plan. */
  total?: string;
  totalColspan?: number;
}

/** One section, translated and formatted for reading, printing and the PDF. */
export interface ShownSection {
  slug: StrategySection;
  number: number;
  title: string;
  empty: boolean;
  texts: ShownText[];
  table?: ShownTable;
  /** The supplier brief's fields, in the action plan. */
  brief?: ShownText[];
}

/** The supplier brief: what to order, goals, budget and deadline, with the company and its objectives. */
export interface ShownBrief {
  empty: boolean;
  about: string;
  items: ShownText[];
  objectives?: ShownTable;
}

/** "2027-05" as "mai 2027" / "May 2027"; other text unchanged. */
export function monthLabel(value: string, language: Language): string {
  const month = DateTime.fromFormat(value, 'yyyy-MM');
  return month.isValid ? month.setLocale(localeOf(language)).toFormat('LLLL yyyy') : value;
}

/** A whole number of kroner as "12 000 kr" / "NOK 12,000". */
export function kronerLabel(value: string | number, language: Language): string {
  const amount = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(amount)) return String(value);
  return formatNumber(amount, language, { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 });
}

function dayLabel(value: string, language: Language): string {
  const day = DateTime.fromISO(value);
  return day.isValid ? day.setLocale(localeOf(language)).toFormat(localPattern('d. MMMM yyyy', language)) : value;
}

function table(section: StrategySection, content: StrategyContent, t: Translate, language: Language): ShownTable | undefined {
  const layout = SECTION_LAYOUT[section].table;
  const rows = content[section].rows;
  if (!layout || rows.length === 0) return undefined;
  const format = (column: string, value: string) => {
    if (!value) return '';
    if (layout.months?.includes(column)) return monthLabel(value, language);
    if (layout.numbers?.includes(column)) return kronerLabel(value, language);
    return value;
  };
  const costs = layout.numbers?.length ? rows.map((row) => Number(row[layout.numbers![0]!] || 0)) : [];
  return {
    caption: t(`strategies.tables.${layout.name}.caption`),
    headers: columnHeaders(layout, t),
    rows: rows.map((row) => layout.columns.map((c) => format(c, row[c] ?? ''))),
    total: costs.length ? kronerLabel(costs.reduce((a, b) => a + b, 0), language) : undefined,
    totalColspan: layout.columns.length - 1,
  };
}

function briefItems(content: StrategyContent, t: Translate, language: Language): ShownText[] {
  const texts = content['action-plan'].texts;
  return (SECTION_LAYOUT['action-plan'].brief ?? []).flatMap((field) => {
    const text = texts[field];
    if (!text) return [];
    return [{ field, label: t(`strategies.brief.${field}`), text: field === 'deadline' ? dayLabel(text, language) : text }];
  });
}

/** Every section of the strategy, in order, ready to show. */
export function showSections(content: StrategyContent, t: Translate, language: Language): ShownSection[] {
  return STRATEGY_SECTIONS.map((slug, i) => {
    const brief = SECTION_LAYOUT[slug].brief ? briefItems(content, t, language) : undefined;
    return {
      slug,
      number: i + 1,
      title: t(`strategies.sections.${slug}`),
      empty: sectionIsEmpty(content[slug]),
      texts: SECTION_LAYOUT[slug].fields.flatMap((field) => {
        const text = content[slug].texts[field];
        return text ? [{ field, label: t(`strategies.fields.${field}`), text }] : [];
      }),
      table: table(slug, content, t, language),
      brief: brief?.length ? brief : undefined,
    };
  });
}

/** The supplier brief, ready to show or print on its own. */
export function showBrief(content: StrategyContent, company: { name: string; municipality: string }, t: Translate, language: Language): ShownBrief {
  const items = briefItems(content, t, language);
  return {
    empty: items.length === 0,
    about: t('strategies.brief.aboutText', { company: company.name, municipality: company.municipality }),
    items,
    objectives: table('visibility-objectives', content, t, language),
  };
}
