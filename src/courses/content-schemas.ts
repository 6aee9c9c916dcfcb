import { z } from 'zod';
import { LANGUAGES } from '../shared/i18n/index.js';

/** The sections of a company's digital strategy; each module's exercise feeds one of them. */
export const STRATEGY_SECTIONS = [
  'current-situation', 'visibility-objectives', 'channels-content', 'sales-ecommerce', 'tools-security', 'action-plan',
] as const;
export type StrategySection = (typeof STRATEGY_SECTIONS)[number];

/** A defect in a course folder; its message names the file and the field so an author can fix it. */
export class CourseContentError extends Error {
  override name = 'CourseContentError';
}

// Messages here are for course authors reading a start-up error, so they are English, not i18n keys.
const SLUG = z.string({ error: 'must be text' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lowercase letters, digits and single hyphens');
const text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');
const perLanguage = z.partialRecord(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }), text, { error: 'must be a mapping from language to text' });
const TRANSLATED = ['title', 'summary', 'audience', 'outcome'] as const;

/** course.json: the course's texts per language and its modules in teaching order. */
export const manifestSchema = z.strictObject({
  slug: SLUG,
  languages: z.array(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }), { error: 'must be a list' })
    .min(1, 'must name at least one language'),
  title: perLanguage,
  summary: perLanguage,
  audience: perLanguage,
  outcome: perLanguage,
  modules: z.array(SLUG, { error: 'must be a list' }).min(1, 'must list at least one module'),
}, { error: 'must be an object of fields' }).superRefine((manifest, ctx) => {
  for (const field of TRANSLATED) {
    for (const language of manifest.languages) {
      if (!manifest[field][language]) ctx.addIssue({ code: 'custom', path: [field, language], message: 'is missing' });
    }
  }
  manifest.modules.forEach((slug, i) => {
    if (manifest.modules.indexOf(slug) !== i) ctx.addIssue({ code: 'custom', path: ['modules', i], message: `repeats "${slug}"` });
  });
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The YAML front matter of one module file. */
export const frontMatterSchema = z.strictObject({
  slug: SLUG,
  title: text,
  minutes: z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be more than 0'),
  strategySection: z.enum(STRATEGY_SECTIONS, { error: `must be one of ${STRATEGY_SECTIONS.join(', ')}` }),
  objectives: z.array(text, { error: 'must be a list' }).min(1, 'must list at least one objective'),
}, { error: 'must be a mapping of fields' });
export type FrontMatter = z.infer<typeof frontMatterSchema>;

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), input);
}

function fieldName(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}

/**
 * Parses `input` with a content schema; on failure throws a CourseContentError naming
 * the file, the field and the problem, e.g. `x.md: front matter field "minutes" is missing`.
 * `what` names the part of the file that was parsed ('' for a whole JSON file).
 */
export function parseContent<S extends z.ZodType>(schema: S, input: unknown, file: string, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = what ? `${what} field` : 'field';
  if (issue.code === 'unrecognized_keys') {
    throw new CourseContentError(`${file}: ${field} "${fieldName([...issue.path, issue.keys[0]!])}" is not allowed`);
  }
  if (issue.path.length === 0) throw new CourseContentError(`${file}: ${what || 'content'} ${issue.message}`);
  const missing = valueAt(input, issue.path) === undefined;
  throw new CourseContentError(`${file}: ${field} "${fieldName(issue.path)}" ${missing ? 'is missing' : issue.message}`);
}
