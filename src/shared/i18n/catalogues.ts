import { en } from './en.js';
import { nb } from './nb.js';

/**
 * Every catalogue, by language. A component with its own messages.ts adds
 * its namespace here, e.g. `courses: coursesMessages.nb`.
 */
export const catalogues = {
  nb: { ...nb },
  en: { ...en },
};
