import { trusted } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { Company } from '../accounts/company.model.js';
import { MaturityAssessment } from '../strategies/assessment.model.js';
import { attendanceStandings, type AttendanceStanding } from '../strategies/index.js';
import { Strategy, type StrategyStatus } from '../strategies/strategy.model.js';
import { assertManagesCohort, assertManagesGarden, listManagedGardens } from '../workshops/index.js';
import { Cohort, type CohortDoc } from '../workshops/cohort.model.js';
import { Enrolment } from '../workshops/enrolment.model.js';

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

type ReportCohort = Pick<CohortDoc, '_id' | 'title' | 'minSessionsAttended'>;

/**
 * Builds the reports of several cohorts at once: four queries for all of them
 * (enrolments, companies, strategies, assessments) plus the attendance summary,
 * which costs a fixed number of queries per cohort, never per company.
 */
export async function buildCohortReports(cohorts: ReportCohort[], now: Date): Promise<CohortReport[]> {
  const cohortIds = cohorts.map((c) => c._id);
  const [enrolments, strategies, standings] = await Promise.all([
    Enrolment.find({ cohortId: trusted({ $in: cohortIds }), status: 'enrolled' }, { cohortId: 1, companyId: 1 }).lean(),
    Strategy.find({ cohortId: trusted({ $in: cohortIds }) }, { cohortId: 1, companyId: 1, status: 1 }).lean(),
    Promise.all(cohorts.map((c) => attendanceStandings(c._id, now))),
  ]);
  const [companies, assessments] = await Promise.all([
    Company.find({ _id: trusted({ $in: [...new Set(enrolments.map((e) => String(e.companyId)))] }) }, { name: 1 }).lean(),
    MaturityAssessment.find({ strategyId: trusted({ $in: strategies.map((s) => s._id) }), stage: trusted({ $in: ['T0', 'T1'] }) }, { strategyId: 1, stage: 1, overall: 1 }).lean(),
  ]);
  const companyName = new Map(companies.map((c) => [String(c._id), c.name]));
  const strategyOf = new Map(strategies.map((s) => [`${s.cohortId}:${s.companyId}`, s]));
  const score = new Map(assessments.map((a) => [`${a.strategyId}:${a.stage}`, a.overall]));

  return cohorts.map((cohort, i) => {
    const rows = enrolments.filter((e) => e.cohortId.equals(cohort._id)).map((e): CompanyRow => {
      const strategy = strategyOf.get(`${cohort._id}:${e.companyId}`);
      const attendance = standings[i]!.get(String(e.companyId));
      const t0 = strategy ? score.get(`${strategy._id}:T0`) : undefined;
      const t1 = strategy ? score.get(`${strategy._id}:T1`) : undefined;
      return {
        companyId: String(e.companyId), name: companyName.get(String(e.companyId)) ?? '?', attendance,
        strategy: strategy && { id: String(strategy._id), status: strategy.status },
        t0, t1, change: t0 !== undefined && t1 !== undefined ? Math.round((t1 - t0) * 10) / 10 : undefined,
        completed: Boolean(attendance?.meetsRule) && strategy?.status === 'approved',
      };
    }).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return {
      cohortId: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended,
      companies: rows, completedCount: rows.filter((r) => r.completed).length,
    };
  });
}

/** One cohort's report, for coordinators of its garden and admins. */
export async function cohortReport(actor: AccountView, cohortId: string, now: Date) {
  const { cohort, garden } = await assertManagesCohort(actor, cohortId);
  const [report] = await buildCohortReports([cohort], now);
  return { garden: { id: String(garden._id), name: garden.name }, report: report! };
}

/** Every cohort of a garden, newest first, for its coordinators and admins. */
export async function gardenReport(actor: AccountView, gardenId: string, now: Date) {
  const garden = await assertManagesGarden(actor, gardenId);
  const cohorts = await Cohort.find({ gardenId: garden._id }, { title: 1, minSessionsAttended: 1 }).sort({ enrolmentDeadline: -1 }).lean();
  return { garden: { id: String(garden._id), name: garden.name }, reports: await buildCohortReports(cohorts, now) };
}

/** The gardens the account manages, each with its cohorts, for the reports index. */
export async function reportsIndex(actor: AccountView) {
  const gardens = await listManagedGardens(actor);
  const cohorts = await Cohort.find({ gardenId: trusted({ $in: gardens.map((g) => g.id) }) }, { gardenId: 1, title: 1 }).sort({ enrolmentDeadline: -1 }).lean();
  return gardens.map((g) => ({
    id: g.id, name: g.name, region: g.region,
    cohorts: cohorts.filter((c) => String(c.gardenId) === g.id).map((c) => ({ id: String(c._id), title: c.title })),
  }));
}
