import { en } from './en.js';
import { nb } from './nb.js';
import { coursesMessages } from '../../courses/messages.js';
import { materialsMessages } from '../../materials/messages.js';
import { workshopsMessages } from '../../workshops/messages.js';

/**
 * Every catalogue, by language. A component with its own messages.ts adds
 * its namespace here, e.g. `courses: coursesMessages.nb`.
 */
export const catalogues = {
  nb: { ...nb, courses: coursesMessages.nb, materials: materialsMessages.nb, workshops: workshopsMessages.nb },
  en: { ...en, courses: coursesMessages.en, materials: materialsMessages.en, workshops: workshopsMessages.en },
};
