import { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { QUESTIONS, SCALE_MAX } from './maturity/maturity.js';
import { SECTION_LAYOUT, STRATEGY_SECTIONS, type Row, type SectionContent, type StrategySection } from './sections.js';

/** The most table rows a form may post; the form shows the filled rows plus three blank ones. */
export const MAX_ROWS = 40;

const longText = z.string().trim().max(5000, 'forms.tooLong').optional().default('');
const cell = z.string().trim().max(200, 'forms.tooLong').optional().default('');
const month = z.string().trim().regex(/^(\d{4}-(0[1-9]|1[0-2]))?$/, 'strategies.errors.month').optional().default('');
const kroner = z.string().trim().regex(/^(\d{1,9})?$/, 'strategies.errors.kroner').optional().default('');
const day = z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'forms.date').optional().default('');
const objectId = z.string({ error: 'forms.choose' }).refine((v) => isValidObjectId(v), 'forms.choose');

/** The form field of one table cell, e.g. `what-2`; also the input's id, so error links land on it. */
export const cellName = (column: string, index: number) => `${column}-${index}`;

/**
 * Saving one section: its text fields and, where it has one, its table.
 * Rows left blank are dropped; a row with any value needs its first column.
 */
export function saveSectionSchema(section: StrategySection) {
  const layout = SECTION_LAYOUT[section];
  const shape: Record<string, z.ZodType<string>> = {};
  for (const field of layout.fields) shape[field] = longText;
  for (const field of layout.brief ?? []) shape[field] = field === 'deadline' ? day : longText;
  const table = layout.table;
  for (let i = 0; table && i < MAX_ROWS; i += 1) {
    for (const column of table.columns) {
      shape[cellName(column, i)] = table.months?.includes(column) ? month : table.numbers?.includes(column) ? kroner : cell;
    }
  }
  return z.object(shape).superRefine((values, ctx) => {
    for (let i = 0; table && i < MAX_ROWS; i += 1) {
      const filled = table.columns.some((c) => values[cellName(c, i)]);
      const first = cellName(table.columns[0]!, i);
      if (filled && !values[first]) ctx.addIssue({ code: 'custom', path: [first], message: 'strategies.errors.rowNeedsFirst' });
    }
  }).transform((values): SectionContent => {
    const texts = Object.fromEntries([...layout.fields, ...(layout.brief ?? [])].filter((f) => values[f]).map((f) => [f, values[f]!]));
    const rows: Row[] = [];
    for (let i = 0; table && i < MAX_ROWS; i += 1) {
      const row = Object.fromEntries(table.columns.map((c) => [c, values[cellName(c, i)] ?? '']));
      if (Object.values(row).some(Boolean)) rows.push(row);
    }
    return { texts, rows };
  });
}

/** A reviewer's comments per section and the decision. */
export const reviewSchema = z.object({
  decision: z.enum(['comment', 'changes', 'approve'], { error: 'forms.choose' }),
  ...Object.fromEntries(STRATEGY_SECTIONS.map((s) => [`comment-${s}`, z.string().trim().max(3000, 'forms.tooLong').optional().default('')])),
}).transform((values) => ({
  decision: values.decision,
  comments: STRATEGY_SECTIONS.flatMap((section) => {
    const text = (values as Record<string, string>)[`comment-${section}`];
    return text ? [{ section, text }] : [];
  }),
}));
export type ReviewInput = z.infer<typeof reviewSchema>;

/** Starting the strategy of one enrolment: a cohort, or a self-paced course. */
export const startStrategySchema = z.object({
  cohortId: objectId.optional(),
  courseSlug: z.string().regex(/^[a-z0-9-]+$/, 'forms.choose').optional(),
  section: z.enum(STRATEGY_SECTIONS).optional().catch(undefined),
}).refine((v) => Boolean(v.cohortId) !== Boolean(v.courseSlug), { path: ['form'], message: 'forms.choose' });
export type StartStrategyInput = z.infer<typeof startStrategySchema>;

export const assignReviewerSchema = z.object({ trainerId: objectId });

/** Answers to the maturity questionnaire: every question, 0 to SCALE_MAX. */
export const assessmentSchema = z.object(Object.fromEntries(QUESTIONS.map((q) => [
  q.id, z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'strategies.maturity.answerEach' })
    .int('strategies.maturity.answerEach').min(0, 'strategies.maturity.answerEach').max(SCALE_MAX, 'strategies.maturity.answerEach')),
])));
export type AssessmentAnswers = Record<string, number>;

/** The names printed on the certificate, one per line. */
export const certificateNamesSchema = z.object({
  names: z.string().max(1000, 'forms.tooLong').optional().default('')
    .transform((v) => v.split(/\r?\n/).map((n) => n.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100, 'forms.tooLong')).max(12, 'strategies.certificate.tooManyNames')),
});
