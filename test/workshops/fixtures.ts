import { Types } from 'mongoose';
import { Cohort } from '../../src/workshops/cohort.model.js';
import { Garden } from '../../src/workshops/garden.model.js';

let gardens = 0;

/** A garden with two rooms; coordinators bound to it when given. */
export async function makeGarden(options: { coordinatorIds?: Types.ObjectId[]; name?: string; region?: string } = {}) {
  gardens += 1;
  return Garden.create({
    name: options.name ?? `Næringshage ${gardens} ${new Types.ObjectId().toString().slice(-4)}`,
    address: 'Storgata 1, 7340 Oppdal', municipality: 'Oppdal', region: options.region ?? 'Trøndelag',
    rooms: ['Storsalen', 'Møterom 2'], coordinatorIds: options.coordinatorIds ?? [],
  });
}

/** A cohort without sessions, open for enrolment for a month. */
export async function makeCohort(options: { gardenId?: Types.ObjectId; capacity?: number; deadline?: Date; trainerIds?: Types.ObjectId[]; title?: string } = {}) {
  const gardenId = options.gardenId ?? (await makeGarden())._id;
  return Cohort.create({
    gardenId, courseSlug: 'digital-strategy', title: options.title ?? 'Digital strategi våren 2027',
    capacity: options.capacity ?? 20, enrolmentDeadline: options.deadline ?? new Date(Date.now() + 30 * 86_400_000),
    trainerIds: options.trainerIds ?? [],
  });
}
