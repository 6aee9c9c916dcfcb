import type { Response } from 'express';
import fs from 'node:fs/promises';
import path from 'node:path';
import { VIEWS_DIR } from '../shared/views/engine.js';

const PARTIALS_DIR = path.join(VIEWS_DIR, 'strategies', 'partials');
let partials: Promise<Record<string, string>> | undefined;

/**
 * The component's own partials (views/strategies/partials/*.hbs), named
 * `strategies-<file>`. They are handed to each render rather than registered
 * with the shared engine, so the component stays in its own folders; Handlebars
 * compiles a partial given as text on first use.
 */
export function strategyPartials(): Promise<Record<string, string>> {
  partials ??= fs.readdir(PARTIALS_DIR).then(async (files) => Object.fromEntries(await Promise.all(
    files.filter((f) => f.endsWith('.hbs')).map(async (f) => [`strategies-${f.slice(0, -4)}`, await fs.readFile(path.join(PARTIALS_DIR, f), 'utf8')]),
  )));
  return partials;
}

/** Renders a strategies or reports view with the component's partials available. */
export async function renderWithPartials(res: Response, view: string, data: object, status = 200): Promise<void> {
  res.status(status).render(view, { ...data, partials: await strategyPartials() });
}
