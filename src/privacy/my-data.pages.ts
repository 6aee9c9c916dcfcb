import { hasKey, translate, uncheckedKey, type Language } from '../shared/i18n/index.js';
import type { PersonalData } from './export.service.js';

/** One line of the data page: a label with a text, or with the lines nested under it. */
export interface DataNode {
  label: string;
  text?: string;
  children?: DataNode[];
}

const formatDate = (language: Language, date: Date) => new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
  dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo',
}).format(date);

/** A field's label in the catalogue, or the field's own name (e.g. a strategy answer's key) spelt out. */
function labelOf(language: Language, key: string): string {
  if (hasKey(`privacy.fields.${key}`)) return translate(language, uncheckedKey(`privacy.fields.${key}`));
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueNode(language: Language, label: string, value: unknown): DataNode {
  const none = { label, text: translate(language, 'privacy.data.none') };
  if (value === null || value === undefined) return none;
  if (value instanceof Date) return { label, text: formatDate(language, value) };
  if (typeof value === 'boolean') return { label, text: translate(language, value ? 'privacy.data.yes' : 'privacy.data.no') };
  if (Array.isArray(value)) return value.length ? { label, children: value.map((item, i) => valueNode(language, String(i + 1), item)) } : none;
  if (typeof value === 'object') return { label, children: objectNodes(language, value as Record<string, unknown>) };
  return { label, text: String(value) };
}

const objectNodes = (language: Language, value: Record<string, unknown>): DataNode[] =>
  Object.entries(value).filter(([, v]) => v !== undefined).map(([key, v]) => valueNode(language, labelOf(language, key), v));

/** The data page: one titled section per component, each a tree of labelled values; the same content as the JSON download. */
export function dataPage(data: PersonalData, language: Language) {
  return {
    when: formatDate(language, data.exportedAt),
    person: data.person,
    sections: Object.entries(data.sections).map(([name, section]) => ({
      title: translate(language, uncheckedKey(`privacy.sections.${name}`)),
      nodes: objectNodes(language, section),
    })),
  };
}
