import type { Language } from '../shared/i18n/index.js';

const UNITS = ['B', 'kB', 'MB', 'GB'];

/** A file size people read at a glance, in the page's number format: "1,4 MB" / "1.4 MB". */
export function sizeLabel(bytes: number, lang: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${UNITS[unit]}`;
}
