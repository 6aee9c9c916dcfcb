import type { AccountView } from '../accounts/index.js';
import { companiesByIds } from '../accounts/queries.js';
import { attendanceStandings, type AttendanceStanding, type StrategyStatus } from '../strategies/index.js';
import { maturityScores, strategiesOfCohorts } from '../strategies/queries.js';
import { assertManagesCohort, assertManagesGarden, listManagedGardens } from '../workshops/index.js';
import { cohortsOfGardens, enrolledCompaniesOf } from '../workshops/queries.js';

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
 * Builds the reports of several cohorts at once: four queries for all of them
 * (enrolments, companies, strategies, assessments) plus the attendance summary,
 * which costs a fixed number of queries per cohort, never per company.
 */
export async function buildCohortReports(cohorts: ReportCohort[], now: Date): Promise<CohortReport[]> {
  const cohortIds = cohorts.map((c) => c.id);
  const [enrolments, strategies, standings] = await Promise.all([
    enrolledCompaniesOf(cohortIds),
    strategiesOfCohorts(cohortIds),
    Promise.all(cohorts.map((c) => attendanceStandings(c.id, now))),
  ]);
  const [companies, assessments] = await Promise.all([
    companiesByIds([...new Set(enrolments.map((e) => e.companyId))]),
    maturityScores(strategies.map((s) => s.id)),
  ]);
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  const strategyOf = new Map(strategies.map((s) => [`${s.cohortId}:${s.companyId}`, s]));
  const score = new Map(assessments.map((a) => [`${a.strategyId}:${a.stage}`, a.overall]));

  return cohorts.map((cohort, i) => {
    const rows = enrolments.filter((e) => e.cohortId === cohort.id).map((e): CompanyRow => {
      const strategy = strategyOf.get(`${cohort.id}:${e.companyId}`);
      const attendance = standings[i]!.get(e.companyId);
      const t0 = strategy ? score.get(`${strategy.id}:T0`) : undefined;
      const t1 = strategy ? score.get(`${strategy.id}:T1`) : undefined;
      return {
        companyId: e.companyId, name: companyName.get(e.companyId) ?? '?', attendance,
        strategy: strategy && { id: strategy.id, status: strategy.status },
        t0, t1, change: t0 !== undefined && t1 !== undefined ? Math.round((t1 - t0) * 10) / 10 : undefined,
        completed: Boolean(attendance?.meetsRule) && strategy?.status === 'approved',
      };
    }).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return {
      cohortId: cohort.id, title: cohort.title, minSessionsAttended: cohort.minSessionsAttended,
      companies: rows, completedCount: rows.filter((r) => r.completed).length,
    };
  });
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
