import type { Types } from 'mongoose';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';

const MINUTE_MS = 60_000;

/** One session of a cohort, starting `startsInMinutes` from `now` (negative: already started), three hours long. */
export async function makeSession(cohort: { _id: Types.ObjectId; gardenId: Types.ObjectId }, options: {
  now: Date; startsInMinutes: number; position?: number; minutes?: number; status?: 'scheduled' | 'moved' | 'cancelled';
}) {
  const startsAt = new Date(options.now.getTime() + options.startsInMinutes * MINUTE_MS);
  return WorkshopSession.create({
    cohortId: cohort._id, gardenId: cohort.gardenId, moduleSlug: `module-${options.position ?? 1}`, position: options.position ?? 1,
    startsAt, endsAt: new Date(startsAt.getTime() + (options.minutes ?? 180) * MINUTE_MS), room: 'Storsalen',
    status: options.status ?? 'scheduled',
  });
}

export interface Setting {
  trainer: Awaited<ReturnType<typeof makeAccount>>;
  coordinator: Awaited<ReturnType<typeof makeAccount>>;
  cohort: Awaited<ReturnType<typeof makeCohort>>;
  companies: Array<{ company: Awaited<ReturnType<typeof makeCompany>>; participants: Array<Awaited<ReturnType<typeof makeAccount>>> }>;
}

/**
 * A garden with a coordinator, a cohort with a trainer, and `companies` enrolled
 * companies named A, B, C … with `perCompany` participants each (emails a1@…, a2@…, b1@…).
 */
export async function makeSetting(options: { companies?: number; perCompany?: number } = {}): Promise<Setting> {
  const trainer = await makeAccount({ roles: ['trainer'], name: 'Trude Trener' });
  const coordinator = await makeAccount({ roles: ['coordinator'], name: 'Kari Koordinator' });
  const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
  const cohort = await makeCohort({ gardenId: garden._id, trainerIds: [trainer._id] });
  const companies: Setting['companies'] = [];
  for (let i = 0; i < (options.companies ?? 2); i += 1) {
    const letter = String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(i) : '');
    const company = await makeCompany({ name: `Bedrift ${letter.toUpperCase()}` });
    const participants = [];
    for (let n = 1; n <= (options.perCompany ?? 2); n += 1) {
      participants.push(await makeAccount({ companyId: company._id, name: `Deltaker ${letter.toUpperCase()}${n}`, email: `${letter}${n}@example.no` }));
    }
    await Enrolment.create({ cohortId: cohort._id, companyId: company._id, status: 'enrolled', participantIds: participants.map((p) => p._id) });
    companies.push({ company, participants });
  }
  return { trainer, coordinator, cohort, companies };
}

export const registerPath = (cohortId: unknown, sessionId: unknown) => `/cohorts/${cohortId}/sessions/${sessionId}/register`;
export const overviewPath = (cohortId: unknown) => `/cohorts/${cohortId}/overview`;

/** The check-in code a register page shows. */
export function codeFrom(html: string): string {
  const match = /data-code="([A-Z0-9]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no check-in code on the page');
  return match[1];
}
