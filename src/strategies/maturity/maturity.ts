/**
 * The digital maturity self-assessment, modelled on the six dimensions of the
 * EU's Digital Maturity Assessment for SMEs. The questions are our own
 * (texts in messages: strategies.maturity.questions.<id>); every answer is on a
 * scale from 0 (not at all) to 5 (fully).
 *
 * Scoring:
 * - a dimension scores 100 × (sum of its answers) / (5 × number of questions), so 0–100;
 * - the overall score is the mean of the six dimension scores;
 * - both are rounded to one decimal only for display and storage, after the mean is taken.
 *
 * Bands (the same for a dimension and the overall score):
 *   basic < 26 ≤ average < 51 ≤ moderately advanced < 76 ≤ advanced.
 */
export const DIMENSIONS = ['strategy', 'readiness', 'people', 'data', 'automation', 'green'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SCALE_MAX = 5;
export const SCALE = [0, 1, 2, 3, 4, 5] as const;

/** A question's id: its dimension and its number there, e.g. `data2`; its text is strategies.maturity.questions.<id>. */
export type QuestionId = `${Dimension}${1 | 2 | 3}`;

/** Three questions per dimension; ids are stable, texts live in the catalogue. */
export const QUESTIONS: ReadonlyArray<{ id: QuestionId; dimension: Dimension }> = DIMENSIONS.flatMap((dimension) =>
  ([1, 2, 3] as const).map((n) => ({ id: `${dimension}${n}` as const, dimension })));

export const BANDS = ['basic', 'average', 'moderate', 'advanced'] as const;
export type Band = (typeof BANDS)[number];

/** Lower bounds of each band after basic: a score of 26 is average, 51 moderately advanced, 76 advanced. */
export const BAND_THRESHOLDS = { average: 26, moderate: 51, advanced: 76 } as const;

/** The stages at which a company assesses itself: enrolment, after the last session, six months later. */
export const STAGES = ['T0', 'T1', 'T2'] as const;
export type Stage = (typeof STAGES)[number];

export interface MaturityScores {
  dimensions: Record<Dimension, number>;
  overall: number;
  band: Band;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function bandOf(score: number): Band {
  if (score >= BAND_THRESHOLDS.advanced) return 'advanced';
  if (score >= BAND_THRESHOLDS.moderate) return 'moderate';
  if (score >= BAND_THRESHOLDS.average) return 'average';
  return 'basic';
}

/** Scores a complete set of answers (question id → 0–5). Throws on a missing or out-of-range answer. */
export function scoreAnswers(answers: Record<string, number>): MaturityScores {
  const exact = {} as Record<Dimension, number>;
  for (const dimension of DIMENSIONS) {
    const values = QUESTIONS.filter((q) => q.dimension === dimension).map((q) => answers[q.id]);
    if (values.some((v) => v === undefined || !Number.isInteger(v) || v < 0 || v > SCALE_MAX)) {
      throw new RangeError(`answers for ${dimension} are incomplete or out of range`);
    }
    const sum = values.reduce<number>((total, v) => total + v!, 0);
    exact[dimension] = (100 * sum) / (SCALE_MAX * values.length);
  }
  const overall = DIMENSIONS.reduce((total, d) => total + exact[d], 0) / DIMENSIONS.length;
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, oneDecimal(exact[d])])) as Record<Dimension, number>;
  return { dimensions, overall: oneDecimal(overall), band: bandOf(oneDecimal(overall)) };
}
