// Reads other components may make of attendance data: plain objects, string ids.
import { AttendanceMark, ATTENDED } from './attendance.model.js';
import type { Id } from './roster.js';

/**
 * The sessions of a cohort at which each company was represented (someone present
 * or late), by company id: one find on the cohort, whatever its size.
 */
export async function representedSessionsByCompany(cohortId: Id): Promise<Map<string, Set<string>>> {
  const marks = await AttendanceMark.find({ cohortId }, { sessionId: 1, companyId: 1, status: 1 }).lean();
  const byCompany = new Map<string, Set<string>>();
  for (const mark of marks) {
    if (!(ATTENDED as readonly string[]).includes(mark.status)) continue;
    const sessions = byCompany.get(String(mark.companyId)) ?? new Set<string>();
    sessions.add(String(mark.sessionId));
    byCompany.set(String(mark.companyId), sessions);
  }
  return byCompany;
}
