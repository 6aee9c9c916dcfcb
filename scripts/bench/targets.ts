import { trusted } from 'mongoose';
import { User } from '../../src/accounts/user.model.js';
import { rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import { Strategy } from '../../src/strategies/strategy.model.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { Garden } from '../../src/workshops/garden.model.js';
import type { seedDemo } from '../seed/demo.js';

export type Persona = 'participant' | 'coordinator' | 'trainer' | 'admin';

/** Which throughput goal a page has: a module page is light, a dashboard medium, the rest read much data. */
export type PageKind = 'module' | 'dashboard' | 'data';

export interface BenchTarget {
  name: string;
  path: string;
  kind: PageKind;
  as?: Persona;
  /** A tighter single-user median, for the pages coordinators open most. */
  p50Goal?: number;
}

/** Who the benchmark signs in as, from the demo seed: the coordinator and trainer of the finished Oppdal cohort. */
export const PERSONAS: Record<Persona, string> = {
  participant: 'ingrid@bjorkli.demo',
  coordinator: 'koordinator@digital-afternoons.demo',
  trainer: 'kursholder@digital-afternoons.demo',
  admin: 'admin@digital-afternoons.demo',
};

/**
 * The pages `npm run bench` measures, found after the demo seed: the same demo
 * records at every size, so a column differs from the next only in how much
 * other data the database holds. Call once per database (it adds feed cohorts).
 */
export async function benchTargets(seeded: Awaited<ReturnType<typeof seedDemo>>): Promise<BenchTarget[]> {
  // The finished Oppdal cohort: 25 companies, every session's register taken, strategies in every status.
  const cohort = seeded.cohorts.find((c) => c.title.includes('høsten 2026 – Oppdal'))!;
  const { gardenId } = (await Cohort.findById(cohort.id).lean())!;
  const session = (await WorkshopSession.findOne({ cohortId: cohort.id, position: 6 }).lean())!;
  const strategy = (await Strategy.findOne({ cohortId: cohort.id, status: 'approved' }).lean())!;
  const feedPath = await feedWithEvents(PERSONAS.participant, 102);
  return [
    { name: 'dashboard (participant)', path: '/dashboard', as: 'participant', kind: 'dashboard' },
    { name: 'dashboard (coordinator)', path: '/dashboard', as: 'coordinator', kind: 'dashboard' },
    { name: 'dashboard (trainer)', path: '/dashboard', as: 'trainer', kind: 'dashboard' },
    { name: 'dashboard (admin)', path: '/dashboard', as: 'admin', kind: 'dashboard' },
    { name: 'module page (participant)', path: '/courses/digital-strategy/modules/being-found-online', as: 'participant', kind: 'module' },
    { name: 'public listing', path: '/workshops', kind: 'data' },
    { name: 'public cohort page', path: `/workshops/${cohort.id}`, kind: 'data' },
    { name: 'cohort manage', path: `/cohorts/${cohort.id}/manage`, as: 'coordinator', kind: 'data' },
    { name: 'attendance overview', path: `/cohorts/${cohort.id}/overview`, as: 'coordinator', kind: 'data', p50Goal: 150 },
    { name: 'register', path: `/cohorts/${cohort.id}/sessions/${session._id}/register`, as: 'coordinator', kind: 'data' },
    { name: 'cohort report', path: `/reports/cohorts/${cohort.id}`, as: 'coordinator', kind: 'data', p50Goal: 150 },
    { name: 'garden report', path: `/reports/gardens/${gardenId}`, as: 'coordinator', kind: 'data' },
    { name: 'strategy page (trainer)', path: `/strategies/${strategy._id}`, as: 'trainer', kind: 'data' },
    { name: 'review queue (trainer)', path: '/reviews', as: 'trainer', kind: 'data' },
    { name: 'outbox (coordinator)', path: '/outbox', as: 'coordinator', kind: 'data' },
    { name: 'calendar feed, 102 events', path: feedPath, kind: 'data' },
  ];
}

/** Enrols a person's company in enough extra cohorts that their feed holds `events` sessions; returns the feed path. */
async function feedWithEvents(email: string, events: number): Promise<string> {
  const person = (await User.findOne({ email }).lean())!;
  const garden = await Garden.create({ name: 'Benchmark-hagen', address: 'Testveien 1', municipality: 'Oppdal', region: 'Test', rooms: ['Sal'] });
  const already = await WorkshopSession.countDocuments({ cohortId: trusted({ $in: (await Enrolment.find({ participantIds: person._id }).lean()).map((e) => e.cohortId) }) });
  for (let i = 0; i * 6 < events - already; i += 1) {
    const cohort = await Cohort.create({ gardenId: garden._id, courseSlug: 'digital-strategy', title: `Benchmark-rekke ${i + 1}`, capacity: 20, enrolmentDeadline: new Date('2027-12-01') });
    await WorkshopSession.insertMany(Array.from({ length: 6 }, (_, n) => ({
      cohortId: cohort._id, gardenId: garden._id, moduleSlug: 'digital-opportunities', position: n + 1, room: 'Sal',
      startsAt: new Date(Date.UTC(2027, 0, 4 + i * 7 + n, 15)), endsAt: new Date(Date.UTC(2027, 0, 4 + i * 7 + n, 18)),
    })));
    await Enrolment.create({ cohortId: cohort._id, companyId: person.companyId!, status: 'enrolled', participantIds: [person._id] });
  }
  return rotateFeedToken(person._id);
}
