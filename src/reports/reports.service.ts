import type { AccountView } from '../accounts/index.js';
import { attendanceStandings, type AttendanceStanding, type StrategyStatus } from '../strategies/index.js';
import { strategiesWithScores } from '../strategies/queries.js';
import { assertManagesCohort, assertManagesGarden, listManagedGardens } from '../workshops/index.js';
import { cohortsOfGardens } from '../workshops/queries.js';

/** One enrolled company in a cohort report. */
export interface CompanyRow {
  companyId: string;
  name: string;
  attendance?: AttendanceStanding;
  strategy?: { id: string; status: StrategyStatus };
  /** Overall maturity scores at enrolment (T0) and after the last session (T1), and the change. */
  t0?: number;
  t1?: number;
  change?: number;
  /** The attendance rule is met and the strategy approved. */
  completed: boolean;
}

export interface CohortReport {
  cohortId: string;
  title: string;
  minSessionsAttended: number;
  companies: CompanyRow[];
  completedCount: number;
}

export interface ReportCohort { id: string; title: string; minSessionsAttended: number }

/**
 * Builds the reports of several cohorts: per cohort, its attendance standings
 * (which name the enrolled companies) and its strategies with their scores,
 * both cached per cohort, so a fixed number of point lookups per cohort while
 * nothing changed, never per company and never a filter over a collection.
 */
export async function buildCohortReports(cohorts: ReportCohort[], now: Date): Promise<CohortReport[]> {
  return Promise.all(cohorts.map(async (cohort) => {
    const [standings, strategies] = await Promise.all([attendanceStandings(cohort.id, now), strategiesWithScores(cohort.id)]);
    const strategyOf = new Map(strategies.map((s) => [s.companyId, s]));
    const rows = [...standings].map(([companyId, attendance]): CompanyRow => {
      const strategy = strategyOf.get(companyId);
      const { t0, t1 } = strategy ?? {};
      return {
        companyId, name: attendance.name, attendance,
        strategy: strategy && { id: strategy.id, status: strategy.status },
        t0, t1, change: t0 !== undefined && t1 !== undefined ? Math.round((t1 - t0) * 10) / 10 : undefined,
        completed: attendance.meetsRule && strategy?.status === 'approved',
      };
    }).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return {
      cohortId: cohort.id, title: cohort.title, minSessionsAttended: cohort.minSessionsAttended,
      companies: rows, completedCount: rows.filter((r) => r.completed).length,
    };
  }));
}

/** One cohort's report, for coordinators of its garden and admins. */
export async function cohortReport(actor: AccountView, cohortId: string, now: Date) {
  const { cohort, garden } = await assertManagesCohort(actor, cohortId);
  const [report] = await buildCohortReports([{ id: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended }], now);
  return { garden: { id: String(garden._id), name: garden.name }, report: report! };
}

/** Every cohort of a garden, newest first, for its coordinators and admins. */
export async function gardenReport(actor: AccountView, gardenId: string, now: Date) {
  const garden = await assertManagesGarden(actor, gardenId);
  const cohorts = await cohortsOfGardens([garden._id]);
  return { garden: { id: String(garden._id), name: garden.name }, reports: await buildCohortReports(cohorts, now) };
}

/** The gardens the account manages, each with its cohorts, for the reports index. */
export async function reportsIndex(actor: AccountView) {
  const gardens = await listManagedGardens(actor);
  const cohorts = await cohortsOfGardens(gardens.map((g) => g.id));
  return gardens.map((g) => ({
    id: g.id, name: g.name, region: g.region,
    cohorts: cohorts.filter((c) => c.gardenId === g.id).map((c) => ({ id: c.id, title: c.title })),
  }));
}
