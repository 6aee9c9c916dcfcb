import { WorkshopSession } from '../../src/workshops/cohort.model.js';
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
  return [
    { name: 'GET / (anonymous)', path: '/' },
    { name: 'GET /dashboard (participant)', path: '/dashboard', as: 'participant' },
    { name: 'GET module page (participant)', path: '/courses/digital-strategy/modules/being-found-online', as: 'participant' },
    { name: 'GET cohort page (anonymous)', path: `/workshops/${running.id}` },
    { name: 'GET cohort overview, 31 companies (coordinator)', path: `/cohorts/${running.id}/overview`, as: 'coordinator' },
    { name: 'GET attendance register (coordinator)', path: `/cohorts/${running.id}/sessions/${session!._id}/register`, as: 'coordinator' },
  ];
}
