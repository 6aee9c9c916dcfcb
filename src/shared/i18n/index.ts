import { en } from './en.js';
import type { MessageKey } from './keys.js';
import { nb } from './nb.js';

export { uncheckedKey, type KeysUnder, type MessageKey } from './keys.js';

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';

export type Catalogue = { [key: string]: string | Catalogue };
/** Shared texts (errors, layout); the composition root adds each component's messages with addMessages. */
const catalogues: Record<Language, Catalogue> = { nb: structuredClone(nb), en: structuredClone(en) };

function merge(target: Catalogue, source: Catalogue): void {
  for (const [name, value] of Object.entries(source)) {
    const existing = target[name];
    if (typeof value === 'object' && typeof existing === 'object') merge(existing, value);
    else target[name] = typeof value === 'object' ? structuredClone(value) : value;
  }
}

/**
 * Adds messages to the catalogues, merged key by key into what is there (so a component may add
 * keys to a namespace such as `mail`). Adding the same messages again changes nothing.
 */
export function addMessages(messages: Record<Language, Catalogue>): void {
  for (const language of LANGUAGES) merge(catalogues[language], messages[language]);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// A case's text may hold {name} placeholders, filled after the case is chosen.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
const pluralRules = { nb: new Intl.PluralRules('nb-NO'), en: new Intl.PluralRules('en-GB') };

/**
 * Fills `{count, plural, one {# samling} other {# samlinger}}` with the case
 * Intl.PluralRules picks for the number in the language (`=0` matches exactly);
 * `#` stands for the number.
 */
function choosePlurals(text: string, language: Language, params: Record<string, unknown>): string {
  return text.replace(PLURAL, (match, name: string, body: string) => {
    if (!(name in params)) return match;
    const value = Number(params[name]);
    const cases = new Map([...body.matchAll(PLURAL_CASE)].map((c) => [c[1]!, c[2]!]));
    const chosen = cases.get(`=${value}`) ?? cases.get(pluralRules[language].select(value)) ?? cases.get('other') ?? match;
    return chosen.replace(/#/g, String(params[name]));
  });
}

/** The text for `key` in `language`, with plurals chosen and {name} placeholders filled; Norwegian when English lacks it. */
export function translate(language: Language, key: MessageKey, params: Record<string, unknown> = {}): string {
  const text = lookup(catalogues[language], key) ?? lookup(catalogues[DEFAULT_LANGUAGE], key) ?? key;
  return choosePlurals(text, language, params).replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** True when `key` exists in every language; tests use it to keep the catalogues in step. */
export function hasKey(key: string): boolean {
  return LANGUAGES.every((language) => lookup(catalogues[language], key) !== undefined);
}

/** Picks the language: an explicit choice first, then the browser's Accept-Language, then Norwegian. */
export function chooseLanguage(chosen: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'en') return 'en';
  }
  return DEFAULT_LANGUAGE;
}

/** Every key of a catalogue, flattened; used to check that both languages have the same keys. */
export function catalogueKeys(language: Language): string[] {
  const keys: string[] = [];
  const walk = (node: Catalogue, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'string') keys.push(prefix + name);
      else walk(value, `${prefix}${name}.`);
    }
  };
  walk(catalogues[language], '');
  return keys.sort();
}
