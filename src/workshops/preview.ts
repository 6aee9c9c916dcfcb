import type { PlannedSession, ProposedSession, SkippedDay } from './schedule.js';
import type { CreateCohortInput } from './schemas.js';

/** What the new-cohort form shows before anything is stored: each session's day and the holidays passed over. */
export interface CohortPreview {
  sessions: Array<{ position: number; date: string; start: string; end: string; room: string; startsAt: Date }>;
  skipped: SkippedDay[];
  /**
   * The previewed days and times in one string. The form sends it back with "Create",
   * so a cohort is only created with the dates its coordinator has seen.
   */
  key: string;
}

/** Turns a checked plan into the preview the form shows. */
export function describePlan(plan: { proposal: Array<ProposedSession & { skipped?: SkippedDay[] }>; sessions: PlannedSession[] }, input: Pick<CreateCohortInput, 'room'>): CohortPreview {
  const sessions = plan.proposal.map((p, i) => ({ position: i + 1, date: p.date, start: p.start, end: p.end, room: input.room, startsAt: plan.sessions[i]!.startsAt }));
  return {
    sessions,
    skipped: plan.proposal.flatMap((p) => p.skipped ?? []),
    key: sessions.map((s) => `${s.date}T${s.start}-${s.end}`).join(','),
  };
}
