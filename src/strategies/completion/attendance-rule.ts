/**
 * The one place the strategies and reports components read attendance. If the
 * attendance component moves or renames its functions, only this adapter changes.
 */
import { attendanceSummary, companyMeetsAttendanceRule } from '../../attendance/index.js';
import type { Id } from '../../shared/db/ids.js';


/** How one enrolled company stands against its cohort's attendance rule. */
export interface AttendanceStanding {
  /** The company's name, as the attendance roster has it. */
  name: string;
  represented: number;
  sessions: number;
  required: number;
  meetsRule: boolean;
}

/** Whether the company was represented at enough sessions of the cohort. */
export function meetsAttendanceRule(cohortId: Id, companyId: Id): Promise<boolean> {
  return companyMeetsAttendanceRule(cohortId, companyId);
}

/** Every enrolled company's standing in one cohort, keyed by company id; four point lookups while the cohort is unchanged. */
export async function attendanceStandings(cohortId: Id, now: Date): Promise<Map<string, AttendanceStanding>> {
  const summary = await attendanceSummary(cohortId, now);
  return new Map(summary.companies.map((c) => [c.companyId, {
    name: c.name, represented: c.representedCount, sessions: c.sessionCount, required: summary.minSessionsAttended, meetsRule: c.meetsRule,
  }]));
}
