import type { HelperOptions } from 'handlebars';
import { DEFAULT_LANGUAGE, isLanguage, translate, uncheckedKey } from '../../i18n/index.js';

/**
 * {{t "key" name=value}}: the text for key in the page's language (`lang` in the render context).
 * A view's keys are out of the type checker's sight; test/shared/view-keys.test.ts checks them.
 */
export function t(key: string, options: HelperOptions): string {
  const lang = options.data?.root?.lang;
  return translate(isLanguage(lang) ? lang : DEFAULT_LANGUAGE, uncheckedKey(key), options.hash);
}
