import { DateTime } from 'luxon';
import type { Language } from './index.js';

/** Every time the app shows, schedules or puts in a calendar is Norwegian time. */
export const NORWAY_ZONE = 'Europe/Oslo';

/** The Intl locale of a page language: British English for dates and numbers in English. */
export function localeOf(lang: Language): string {
  return lang === 'en' ? 'en-GB' : 'nb-NO';
}

/** A moment in Norwegian time and the reader's language, for formatting with luxon. */
export function inNorway(value: Date, lang: Language): DateTime {
  return DateTime.fromJSDate(value).setZone(NORWAY_ZONE).setLocale(localeOf(lang));
}

/**
 * A date pattern written the Norwegian way, for the reader's language: the day's
 * ordinal dot ("4. februar") is Norwegian only, so English reads "4 February".
 */
export function localPattern(pattern: string, lang: Language): string {
  return lang === 'en' ? pattern.replace(/\bd\. /g, 'd ') : pattern;
}

/** A moment as Norwegian time in the reader's language, in a luxon pattern such as "d. MMMM yyyy". */
export function formatDateTime(value: Date, lang: Language, pattern: string): string {
  return inNorway(value, lang).toFormat(localPattern(pattern, lang));
}

/** A number in the reader's format: "1,5" in Norwegian, "1.5" in English. */
export function formatNumber(value: number, lang: Language, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(localeOf(lang), options).format(value);
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB'];

/** A file size people read at a glance, in the reader's number format: "1,4 MB" / "1.4 MB". */
export function sizeLabel(bytes: number, lang: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, lang, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${SIZE_UNITS[unit]}`;
}
