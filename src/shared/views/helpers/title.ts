import type { HelperOptions } from 'handlebars';
import { DEFAULT_LANGUAGE, isLanguage, translate, uncheckedKey } from '../../i18n/index.js';

/**
 * {{setTitle "key"}} in a view names the page: the layout renders after the view
 * and reads `pageTitle` for <title> and the main heading's context. Its key is checked by
 * test/shared/view-keys.test.ts, like the t helper's.
 */
export function setTitle(key: string, options: HelperOptions): string {
  const root = options.data?.root;
  if (root) root.pageTitle = translate(isLanguage(root.lang) ? root.lang : DEFAULT_LANGUAGE, uncheckedKey(key), options.hash);
  return '';
}
