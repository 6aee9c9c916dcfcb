import { create, type ExpressHandlebars } from 'express-handlebars';
import path from 'node:path';
import { eq, includes, includesAny } from './helpers/compare.js';
import { date, percent } from './helpers/format.js';
import { t } from './helpers/t.js';
import { setTitle } from './helpers/title.js';
import { concat } from './helpers/concat.js';
import { projectPath } from '../paths.js';

export const VIEWS_DIR = projectPath('views');

/** The Handlebars engine for pages and emails, with the project's helpers. */
export function createViewEngine(): ExpressHandlebars {
  return create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    helpers: { t, setTitle, concat, eq, includes, includesAny, date, percent },
    // Only values the app passes are rendered; Handlebars' prototype access stays off.
    runtimeOptions: { allowProtoPropertiesByDefault: false },
  });
}
