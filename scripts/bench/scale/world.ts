import type { Types } from 'mongoose';

/** A generated session, as the attendance and mail generators need it. */
export interface PlannedSession { _id: Types.ObjectId; position: number; startsAt: Date; endsAt: Date }

/** A generated cohort: its garden, trainer and sessions. */
export interface PlannedCohort {
  _id: Types.ObjectId;
  gardenId: Types.ObjectId;
  trainerId: Types.ObjectId;
  title: string;
  sessions: PlannedSession[];
}

/** A generated company, its people (the first is the owner) and the cohort it is enrolled in. */
export interface PlannedCompany {
  _id: Types.ObjectId;
  index: number;
  name: string;
  people: Array<{ _id: Types.ObjectId; email: string; name: string }>;
  cohort: PlannedCohort;
}

/** What the generators have made so far; each component adds its part. */
export interface World {
  now: Date;
  passwordHash: string;
  moduleSlugs: string[];
  cohorts: PlannedCohort[];
  companies: PlannedCompany[];
}

/** Ended: the sessions a register was taken for (generated sessions are never cancelled). */
export const pastSessions = (world: World, cohort: PlannedCohort) => cohort.sessions.filter((s) => s.endsAt < world.now);
