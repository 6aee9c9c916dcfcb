import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isLanguage, type Language } from '../shared/i18n/index.js';
import { CourseCatalogue, type LoadedCourse, type ModuleText } from './catalogue.js';
import { CourseContentError, frontMatterSchema, manifestSchema, parseContent, type Manifest } from './content-schemas.js';
import { ModuleBodyError, splitModuleBody, type SectionHeadings } from './markdown.js';

/** The headings that open a module's example, exercise and checklist, in each language. */
const HEADINGS: Record<Language, SectionHeadings> = {
  nb: { example: 'Eksempel', exercise: 'Oppgave', checklist: 'Sjekkliste' },
  en: { example: 'Worked example', exercise: 'Exercise', checklist: 'Checklist' },
};

const MODULE_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]+)\.md$/;
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Paths in messages start at the courses folder's name, e.g. courses/x/course.json. */
type Label = (file: string) => string;

async function readText(file: string, label: Label): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CourseContentError(`${label(file)}: the file is missing`);
    throw error;
  }
}

async function readManifest(folder: string, label: Label): Promise<Manifest> {
  const file = path.join(folder, 'course.json');
  let json: unknown;
  try {
    json = JSON.parse(await readText(file, label));
  } catch (error) {
    if (error instanceof SyntaxError) throw new CourseContentError(`${label(file)}: not valid JSON (${error.message})`);
    throw error;
  }
  const manifest = parseContent(manifestSchema, json, label(file), '');
  if (manifest.slug !== path.basename(folder)) {
    throw new CourseContentError(`${label(file)}: field "slug" is "${manifest.slug}" but the folder is named "${path.basename(folder)}"`);
  }
  return manifest;
}

/** Module files by slug and language; a file that fits no module of the manifest is an error. */
async function findModuleFiles(folder: string, manifest: Manifest, label: Label): Promise<Map<string, Map<Language, string>>> {
  const dir = path.join(folder, 'modules');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.md')).sort();
  const files = new Map<string, Map<Language, string>>();
  for (const name of names) {
    const file = path.join(dir, name);
    const [, , slug = '', language] = MODULE_FILE.exec(name) ?? [];
    if (!slug) throw new CourseContentError(`${label(file)}: the file name must look like NN-<slug>.<language>.md`);
    if (!isLanguage(language)) throw new CourseContentError(`${label(file)}: "${language}" in the file name is not a language of the app`);
    if (!manifest.modules.includes(slug)) {
      throw new CourseContentError(`${label(file)}: module "${slug}" is not listed in the field "modules" of course.json`);
    }
    const byLanguage = files.get(slug) ?? new Map<Language, string>();
    if (byLanguage.has(language)) throw new CourseContentError(`${label(file)}: a second file for module "${slug}" in "${language}"`);
    files.set(slug, byLanguage.set(language, file));
  }
  return files;
}

async function readModule(file: string, slug: string, language: Language, label: Label): Promise<ModuleText> {
  const source = await readText(file, label);
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new CourseContentError(`${label(file)}: front matter is missing (the file must start and end it with a line "---")`);
  let data: unknown;
  try {
    data = parseYaml(match[1]!, { prettyErrors: true });
  } catch (error) {
    throw new CourseContentError(`${label(file)}: front matter is not valid YAML: ${String((error as Error).message).split('\n')[0]}`);
  }
  const meta = parseContent(frontMatterSchema, data, label(file), 'front matter');
  if (meta.slug !== slug) {
    throw new CourseContentError(`${label(file)}: front matter field "slug" is "${meta.slug}" but the file name says "${slug}"`);
  }
  try {
    const body = splitModuleBody(source.slice(match[0].length), HEADINGS[language]);
    return { title: meta.title, minutes: meta.minutes, strategySection: meta.strategySection, objectives: meta.objectives, ...body };
  } catch (error) {
    if (error instanceof ModuleBodyError) throw new CourseContentError(`${label(file)}: ${error.message}`);
    throw error;
  }
}

/** Translations must agree on what is not text, so progress and the strategy mean the same in each language. */
function assertTranslationsAgree(files: Map<Language, string>, texts: Partial<Record<Language, ModuleText>>, label: Label): void {
  const [first, ...others] = [...files.keys()];
  const reference = texts[first!]!;
  for (const language of others) {
    for (const field of ['minutes', 'strategySection'] as const) {
      if (texts[language]![field] !== reference[field]) {
        throw new CourseContentError(`${label(files.get(language)!)}: front matter field "${field}" is "${texts[language]![field]}" but ${label(files.get(first!)!)} says "${reference[field]}"`);
      }
    }
  }
}

async function loadCourse(folder: string, label: Label): Promise<LoadedCourse> {
  const manifest = await readManifest(folder, label);
  const files = await findModuleFiles(folder, manifest, label);
  const modules: LoadedCourse['modules'] = [];
  for (const [index, slug] of manifest.modules.entries()) {
    const byLanguage = files.get(slug) ?? new Map<Language, string>();
    const absent = manifest.languages.find((language) => !byLanguage.has(language));
    if (absent) {
      throw new CourseContentError(`${label(path.join(folder, 'course.json'))}: field "modules[${index}]" refers to module "${slug}", but there is no file modules/NN-${slug}.${absent}.md`);
    }
    const translations: Partial<Record<Language, ModuleText>> = {};
    for (const [language, file] of byLanguage) translations[language] = await readModule(file, slug, language, label);
    assertTranslationsAgree(byLanguage, translations, label);
    modules.push({ slug, translations });
  }
  const { title, summary, audience, outcome, languages } = manifest;
  return { slug: manifest.slug, languages, title, summary, audience, outcome, modules };
}

/**
 * Reads, validates and renders every course folder under `dir` (one folder per
 * course). Any defect throws a CourseContentError naming the file and the field.
 */
export async function loadCourses(dir: string): Promise<CourseCatalogue> {
  const root = path.resolve(dir);
  const label: Label = (file) => path.relative(path.dirname(root), file).split(path.sep).join('/');
  const entries = await fs.readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CourseContentError(`${label(root)}: the courses folder is missing`);
    throw error;
  });
  const folders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  const courses: LoadedCourse[] = [];
  for (const name of folders) courses.push(await loadCourse(path.join(root, name), label));
  return new CourseCatalogue(courses);
}
