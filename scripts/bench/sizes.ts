/** How much data a benchmark size adds on top of the demo seed (all zero for `demo`). */
export interface ScaleSize {
  name: string;
  /** Generated gardens besides the three demo gardens; cohorts are dealt round-robin over all of them. */
  gardens: number;
  /** Generated cohorts, each with COMPANIES_PER_COHORT companies and one session per module. */
  cohorts: number;
  /** Companies that also write a self-paced strategy (enrolmentKey `course:<slug>`). */
  selfPaced: number;
  /** Outbox messages per generated company (confirmations, reminders, updates). */
  outboxPerCompany: number;
}

/** A cohort's realistic size: twenty companies of three or four people each. */
export const COMPANIES_PER_COHORT = 20;

/**
 * programme: one county programme over a few years, about 1,200 companies, 360 sessions
 * and ~25,000 attendance marks; county: every garden of a large county, ~200,000 marks.
 */
export const SIZES: Record<string, ScaleSize> = {
  demo: { name: 'demo', gardens: 0, cohorts: 0, selfPaced: 0, outboxPerCompany: 0 },
  programme: { name: 'programme', gardens: 9, cohorts: 60, selfPaced: 300, outboxPerCompany: 6 },
  county: { name: 'county', gardens: 47, cohorts: 500, selfPaced: 2500, outboxPerCompany: 6 },
};

/** The sizes named in a comma-separated list, in the order given; an unknown name stops the run. */
export function sizesFrom(list: string): ScaleSize[] {
  return list.split(',').map((name) => name.trim()).filter(Boolean).map((name) => {
    const size = SIZES[name];
    if (!size) throw new Error(`BENCH_SIZES: unknown size "${name}" (known: ${Object.keys(SIZES).join(', ')})`);
    return size;
  });
}
