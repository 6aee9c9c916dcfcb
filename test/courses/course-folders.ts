import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Files of a course folder, by path relative to the courses folder, e.g. `x/course.json`. */
export type CourseFiles = Record<string, string>;

const HEADINGS = {
  nb: ['Eksempel', 'Oppgave', 'Sjekkliste'],
  en: ['Worked example', 'Exercise', 'Checklist'],
} as const;

/** A valid module file; `frontMatter` lines replace the defaults of the same key, `body` replaces the text. */
export function moduleFile(slug: string, language: 'nb' | 'en', options: { frontMatter?: Record<string, string | undefined>; body?: string } = {}): string {
  const fields: Record<string, string | undefined> = {
    slug,
    title: `"${language === 'nb' ? 'Tittel' : 'Title'} ${slug}"`,
    minutes: '30',
    strategySection: 'current-situation',
    objectives: `\n  - "${language === 'nb' ? 'Et mål' : 'An objective'}"`,
    ...options.frontMatter,
  };
  const yaml = Object.entries(fields).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${value}`).join('\n');
  const [example, exercise, checklist] = HEADINGS[language];
  const body = options.body ?? [
    `## ${language === 'nb' ? 'Innhold' : 'Content'} ${slug}`, '', `${language === 'nb' ? 'Brødtekst' : 'Body text'} for ${slug}.`, '',
    `## ${example}`, '', `Example of ${slug}.`, '',
    `## ${exercise}`, '', `Exercise for ${slug}.`, '',
    `## ${checklist}`, '', `- [ ] First item of ${slug}`, '- [ ] Second item', '',
  ].join('\n');
  return `---\n${yaml}\n---\n\n${body}`;
}

/** course.json for a course with the given modules and languages. */
export function manifestFile(slug: string, modules: string[], languages: Array<'nb' | 'en'> = ['nb', 'en'], extra: object = {}): string {
  const text = (nb: string, en: string) => Object.fromEntries(languages.map((l) => [l, l === 'nb' ? nb : en]));
  return JSON.stringify({
    slug, languages,
    title: text(`Kurs ${slug}`, `Course ${slug}`),
    summary: text('Sammendrag.', 'Summary.'),
    audience: text('Målgruppe.', 'Audience.'),
    outcome: text('Utbytte.', 'Outcome.'),
    modules,
    ...extra,
  }, null, 2);
}

/** A valid two-module course "x" (modules a and b) in both languages. */
export function validCourse(): CourseFiles {
  return {
    'x/course.json': manifestFile('x', ['a', 'b']),
    'x/modules/01-a.nb.md': moduleFile('a', 'nb'),
    'x/modules/01-a.en.md': moduleFile('a', 'en'),
    'x/modules/02-b.nb.md': moduleFile('b', 'nb'),
    'x/modules/02-b.en.md': moduleFile('b', 'en'),
  };
}

const created: string[] = [];

/** Writes the files under a new temporary `courses` folder and returns its path. */
export async function writeCourses(files: CourseFiles): Promise<string> {
  const root = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'da-courses-')), 'courses');
  created.push(path.dirname(root));
  for (const [relative, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await fs.writeFile(path.join(root, relative), content);
  }
  await fs.mkdir(root, { recursive: true });
  return root;
}

/** Removes every folder writeCourses made. */
export async function removeWrittenCourses(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
}
