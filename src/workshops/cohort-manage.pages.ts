import { DateTime } from 'luxon';
import { personById } from '../accounts/queries.js';
import { NORWAY_ZONE } from '../shared/i18n/format.js';
import type { CohortDoc, WorkshopSessionDoc } from './cohort.model.js';
import { compactRoster } from './company-roster.js';
import { isDraft } from './drafts.js';

const osloDate = (d: Date) => DateTime.fromJSDate(d).setZone(NORWAY_ZONE).toISODate()!;
const osloTime = (d: Date) => DateTime.fromJSDate(d).setZone(NORWAY_ZONE).toFormat('HH:mm');

/** What the coordinator typed in the schedule form, shown again when a move needs confirming. */
export type ScheduleValues = Map<string, { date?: string; start?: string; end?: string; room?: string }>;

/**
 * The manage page: the schedule form, a compact roster (one row per company, its
 * actions on the company's own page) and the terms at a glance. Reads are lookups
 * by _id and finds on cohortId, plus one company lookup per roster row.
 */
export async function managePage(input: {
  cohort: CohortDoc; garden: { name: string; rooms: string[] }; sessions: WorkshopSessionDoc[]; now: Date; typed?: ScheduleValues;
}) {
  const { cohort, garden, sessions, typed } = input;
  const [roster, trainers] = await Promise.all([
    compactRoster(cohort._id, sessions, input.now),
    Promise.all(cohort.trainerIds.map((id) => personById(id))),
  ]);
  const id = String(cohort._id);
  return {
    pageTitle: cohort.title,
    cohort: {
      id, title: cohort.title, capacity: cohort.capacity, participantsPerCompany: cohort.participantsPerCompany,
      minSessionsAttended: cohort.minSessionsAttended, deadline: cohort.enrolmentDeadline, draft: isDraft(cohort),
      trainers: trainers.flatMap((t) => (t ? [t.name] : [])),
    },
    garden: { name: garden.name },
    sessions: sessions.map((s) => {
      const own = typed?.get(String(s._id)) ?? {};
      const room = own.room ?? s.room;
      return {
        id: String(s._id), position: s.position, status: s.status,
        date: own.date ?? osloDate(s.startsAt), start: own.start ?? osloTime(s.startsAt), end: own.end ?? osloTime(s.endsAt),
        rooms: garden.rooms.map((r) => ({ name: r, selected: r === room })),
      };
    }),
    roster: { ...roster, rows: roster.rows.map((r) => ({ ...r, path: `/cohorts/${id}/companies/${r.companyId}` })) },
  };
}
