import { NotFoundError } from '../shared/errors.js';
import type { CohortDoc } from './cohort.model.js';

/**
 * A draft is a cohort its coordinator is still planning: it is not listed, not
 * enrolable and in no calendar until published. `draft` is only ever true or
 * absent, so a cohort stored before drafts existed counts as published.
 */
export const isDraft = (cohort: Pick<CohortDoc, 'draft'>): boolean => cohort.draft === true;

/** Only the published cohorts of a list: for the listing, the move targets and the calendars. */
export const published = <T extends Pick<CohortDoc, 'draft'>>(cohorts: T[]): T[] => cohorts.filter((c) => !isDraft(c));

/** Refuses a draft to anyone but its staff with 404: until it is published, that it exists is the garden's business. */
export function assertVisible(cohort: Pick<CohortDoc, 'draft'>, isStaff: boolean): void {
  if (isDraft(cohort) && !isStaff) throw new NotFoundError();
}
