import { trusted } from 'mongoose';
import { User } from '../../src/accounts/user.model.js';
import { rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { Garden } from '../../src/workshops/garden.model.js';
import type { seedDemo } from '../seed/demo.js';

export type Persona = 'participant' | 'coordinator';

export interface BenchTarget {
  name: string;
  path: string;
  as?: Persona;
}

/** Who the benchmark signs in as, from the demo seed. */
export const PERSONAS: Record<Persona, string> = {
  participant: 'ingrid@bjorkli.demo',
  coordinator: 'koordinator.kyst@digital-afternoons.demo',
};

/** The pages `npm run bench` measures, after the demo seed; later features add theirs here. */
export async function benchTargets(seeded: Awaited<ReturnType<typeof seedDemo>>): Promise<BenchTarget[]> {
  // The running Frøya cohort has about 30 companies: the overview's realistic size.
  const running = seeded.cohorts.find((c) => c.title.includes('Frøya'))!;
  const session = await WorkshopSession.findOne({ cohortId: running.id, position: 1 }).lean();
  const feedPath = await feedWithEvents(PERSONAS.participant, 102);
  return [
    { name: 'GET / (anonymous)', path: '/' },
    { name: 'GET /dashboard (participant)', path: '/dashboard', as: 'participant' },
    { name: 'GET module page (participant)', path: '/courses/digital-strategy/modules/being-found-online', as: 'participant' },
    { name: 'GET cohort page (anonymous)', path: `/workshops/${running.id}` },
    { name: 'GET cohort overview, 31 companies (coordinator)', path: `/cohorts/${running.id}/overview`, as: 'coordinator' },
    { name: 'GET attendance register (coordinator)', path: `/cohorts/${running.id}/sessions/${session!._id}/register`, as: 'coordinator' },
    { name: 'GET personal feed, 102 events', path: feedPath },
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
