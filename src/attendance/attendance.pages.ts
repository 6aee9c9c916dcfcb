import type { Language } from '../shared/i18n/index.js';
import { ATTENDANCE_STATUSES } from './attendance.model.js';
import type { Register } from './register.service.js';
import { markField } from './schemas.js';
import type { AttendanceSummary, CompanySummary } from './summary.js';
import { formatDateTime } from '../shared/i18n/format.js';

export const registerPath = (cohortId: string, sessionId: string) => `/cohorts/${cohortId}/sessions/${sessionId}/register`;
export const overviewPath = (cohortId: string) => `/cohorts/${cohortId}/overview`;

/** A moment in Norwegian time, in the reader's language: "12. mars kl. 12:30" style. */
export function formatMoment(value: Date, lang: Language, pattern = 'd. MMM HH:mm'): string {
  return formatDateTime(value, lang, pattern);
}

/** The register page's data: one radio group per participant, named after their account. */
export function registerPage(register: Register, baseUrl: string) {
  const path = registerPath(register.cohort.id, register.session.id);
  return {
    ...register,
    registerPath: path,
    sheetPath: `${path}/sheet`,
    overviewPath: overviewPath(register.cohort.id),
    checkInUrl: `${baseUrl}/check-in`,
    // Cancelled or not started yet: the register is shown, but there is nothing to record.
    canRecord: !register.session.cancelled && !register.session.notStarted,
    sessions: register.sessions.map((s) => ({ ...s, path: registerPath(register.cohort.id, s.id), current: s.id === register.session.id })),
    companies: register.companies.map((company) => ({
      ...company,
      participants: company.participants.map((person) => ({
        ...person,
        field: markField(person.accountId),
        choices: ATTENDANCE_STATUSES.map((value) => ({ value, checked: person.status === value })),
      })),
    })),
  };
}

const ruleKey = (company: CompanySummary) => (company.meetsRule ? 'meets' : company.canStillMeet ? 'canStillMeet' : 'cannotMeet');

/** The overview page's data: the summary with each cell's state named for the template. */
export function overviewPage(summary: AttendanceSummary) {
  return {
    ...summary,
    cohortTitle: summary.title,
    sessions: summary.sessions.map((s) => ({ ...s, path: registerPath(summary.cohortId, s.sessionId) })),
    companies: summary.companies.map((company) => ({
      ...company,
      ruleKey: ruleKey(company),
      cells: company.perSession.map((cell) => {
        const state = cell.cancelled ? 'cancelled' : cell.represented ? 'yes' : cell.open ? 'open' : 'no';
        return { state, symbol: { yes: '✓', no: '✗', open: '·', cancelled: '–' }[state] };
      }),
    })),
  };
}
