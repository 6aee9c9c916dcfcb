import { Types } from 'mongoose';
import { User } from '../../../src/accounts/user.model.js';
import { Cohort, WorkshopSession } from '../../../src/workshops/cohort.model.js';
import { Enrolment, EnrolmentLog, ParticipantSlot, Seat } from '../../../src/workshops/enrolment.model.js';
import { Garden } from '../../../src/workshops/garden.model.js';
import { COMPANIES_PER_COHORT, type ScaleSize } from '../sizes.js';
import { batchWriter } from './batch.js';
import type { PlannedCohort, World } from './world.js';

const PLACES = ['Tynset', 'Stryn', 'Vinje', 'Lom', 'Sauda', 'Namsos', 'Bremanger', 'Valle', 'Nesbyen', 'Vefsn', 'Alta', 'Fyresdal'];
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
// Cohorts start over the three years before now and the two months after, so most are finished.
const SPAN_BEFORE = 3 * 365 * DAY;
const SPAN_AFTER = 60 * DAY;

/** Demo gardens with the trainer of their first demo cohort: the personas' gardens get generated cohorts too. */
async function demoGardens(): Promise<Array<{ _id: Types.ObjectId; trainerId: Types.ObjectId }>> {
  const gardens = await Garden.find({}, { _id: 1 }).sort({ name: 1 }).lean();
  const found = await Promise.all(gardens.map(async (g) => ({ _id: g._id, trainerId: (await Cohort.findOne({ gardenId: g._id }).lean())?.trainerIds[0] })));
  return found.filter((g): g is { _id: Types.ObjectId; trainerId: Types.ObjectId } => g.trainerId !== undefined);
}

/** Generated gardens, each with a coordinator and a trainer. */
async function generateGardens(world: World, count: number) {
  const gardens = batchWriter(Garden, 'gardens');
  const staff = batchWriter(User, 'coordinators and trainers');
  const made = [];
  for (let g = 0; g < count; g += 1) {
    const place = `${PLACES[g % PLACES.length]}${g >= PLACES.length ? ` ${Math.floor(g / PLACES.length) + 1}` : ''}`;
    const coordinator = { _id: new Types.ObjectId(), email: `koordinator${g + 1}@hage${g + 1}.bench`, name: `Koordinator ${place}`, roles: ['coordinator'], passwordHash: world.passwordHash };
    const trainer = { _id: new Types.ObjectId(), email: `kursholder${g + 1}@hage${g + 1}.bench`, name: `Kursholder ${place}`, roles: ['trainer'], passwordHash: world.passwordHash };
    const _id = new Types.ObjectId();
    await gardens.add({ _id, name: `${place} Næringshage`, address: `Storgata ${g + 1}, ${place}`, municipality: place, region: 'Benchmark', rooms: ['Sal 1', 'Sal 2'], coordinatorIds: [coordinator._id] });
    await staff.add(coordinator);
    await staff.add(trainer);
    made.push({ _id, trainerId: trainer._id });
  }
  await gardens.done();
  await staff.done();
  return made;
}

/** Gardens, then cohorts dealt round-robin over the demo and generated gardens, each with one session per module, weekly. */
export async function generateWorkshops(world: World, size: ScaleSize): Promise<void> {
  const gardens = [...(await demoGardens()), ...(await generateGardens(world, size.gardens))];
  const cohorts = batchWriter(Cohort, 'cohorts');
  const sessions = batchWriter(WorkshopSession, 'sessions');
  for (let c = 0; c < size.cohorts; c += 1) {
    const garden = gardens[c % gardens.length]!;
    const start = world.now.getTime() - SPAN_BEFORE + Math.floor(((SPAN_BEFORE + SPAN_AFTER) * c) / size.cohorts);
    const firstDay = new Date(Math.floor(start / DAY) * DAY + 15 * 60 * 60 * 1000);
    const cohort: PlannedCohort = { _id: new Types.ObjectId(), gardenId: garden._id, trainerId: garden.trainerId, title: `Digital strategi, rekke ${c + 1}`, sessions: [] };
    await cohorts.add({
      _id: cohort._id, gardenId: garden._id, courseSlug: 'digital-strategy', title: cohort.title, capacity: COMPANIES_PER_COHORT + 4,
      participantsPerCompany: 4, enrolmentDeadline: new Date(firstDay.getTime() - WEEK), trainerIds: [garden.trainerId], minSessionsAttended: 5,
    });
    for (const [i, moduleSlug] of world.moduleSlugs.entries()) {
      const startsAt = new Date(firstDay.getTime() + i * WEEK);
      const session = { _id: new Types.ObjectId(), position: i + 1, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 60 * 60 * 1000) };
      cohort.sessions.push(session);
      await sessions.add({ ...session, cohortId: cohort._id, gardenId: garden._id, moduleSlug, room: `Sal ${1 + (c % 2)}` });
    }
    world.cohorts.push(cohort);
  }
  await cohorts.done();
  await sessions.done();
}

/** Each generated company holds a seat in its cohort, with a participant slot per person and a log line. */
export async function generateEnrolments(world: World): Promise<void> {
  const writers = { enrolments: batchWriter(Enrolment, 'enrolments'), seats: batchWriter(Seat, 'seats'), slots: batchWriter(ParticipantSlot, 'participant slots'), log: batchWriter(EnrolmentLog, 'enrolment log') };
  for (const company of world.companies) {
    const cohortId = company.cohort._id;
    const seatNo = (company.index % COMPANIES_PER_COHORT) + 1;
    await writers.enrolments.add({ cohortId, companyId: company._id, status: 'enrolled', participantIds: company.people.map((p) => p._id), seatNo });
    await writers.seats.add({ cohortId, seatNo, companyId: company._id });
    for (const [slot, person] of company.people.entries()) await writers.slots.add({ cohortId, companyId: company._id, slot: slot + 1, accountId: person._id });
    await writers.log.add({ cohortId, companyId: company._id, change: 'enrolled' });
  }
  for (const writer of Object.values(writers)) await writer.done();
}
