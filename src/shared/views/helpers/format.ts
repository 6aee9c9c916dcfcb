import type { HelperOptions } from 'handlebars';
import { DateTime } from 'luxon';
import { formatDateTime } from '../../i18n/format.js';

/** {{date value "d. MMMM yyyy"}}: a date in Norwegian time, in the page's language. */
export function date(value: Date | string | undefined, format: unknown, options?: HelperOptions): string {
  if (!value) return '';
  const opts = options ?? (format as HelperOptions);
  const pattern = typeof format === 'string' ? format : 'd. MMM yyyy HH:mm';
  const lang = opts?.data?.root?.lang === 'en' ? 'en' : 'nb';
  return formatDateTime(value instanceof Date ? value : DateTime.fromISO(value).toJSDate(), lang, pattern);
}

/** {{percent part whole}}: a whole-number percentage, 0 when the whole is 0. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}
