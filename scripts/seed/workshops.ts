import { trusted, Types } from 'mongoose';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { Company } from '../../src/accounts/company.model.js';
import { hashPassword } from '../../src/accounts/password.js';
import { User } from '../../src/accounts/user.model.js';
import { ConflictError } from '../../src/shared/errors.js';
import { Cohort } from '../../src/workshops/cohort.model.js';
import type { CohortsService } from '../../src/workshops/cohorts.service.js';
import type { EnrolmentService } from '../../src/workshops/enrolment.service.js';
import { Garden } from '../../src/workshops/garden.model.js';
import { progress } from '../progress.js';
import { DEMO_COMPANIES, DEMO_PASSWORD } from './accounts.js';

const GARDENS = [
  { name: 'Fjellregionen Næringshage', address: 'Inge Krokanns veg 2, 7340 Oppdal', municipality: 'Oppdal', region: 'Trøndelag sør', rooms: ['Storsalen', 'Verkstedet'], latitude: 62.594, longitude: 9.691, coordinator: ['Kari Koordinator', 'koordinator@digital-afternoons.demo'] },
  { name: 'Kysthagen Næringshage', address: 'Sistranda 10, 7260 Sistranda', municipality: 'Frøya', region: 'Trøndelag kyst', rooms: ['Havsalen', 'Møterom Titran'], latitude: 63.724, longitude: 8.832, coordinator: ['Kristian Kyst', 'koordinator.kyst@digital-afternoons.demo'] },
  { name: 'Innherred Næringshage', address: 'Kirkegata 5, 7600 Levanger', municipality: 'Levanger', region: 'Innherred', rooms: ['Sal A', 'Sal B'], latitude: 63.746, longitude: 11.299, coordinator: ['Ingunn Innherred', 'koordinator.innherred@digital-afternoons.demo'] },
] as const;

const TRAINERS = [
  ['Trond Kursholder', 'kursholder@digital-afternoons.demo'],
  ['Hanne Holm', 'hanne.holm@digital-afternoons.demo'],
  ['Eirik Ness', 'eirik.ness@digital-afternoons.demo'],
] as const;

/** Past, running and upcoming cohorts; the third upcoming one is over-subscribed and has a waitlist. */
const COHORTS = [
  { garden: 0, trainer: 0, title: 'Digital strategi høsten 2026 – Oppdal', startDate: '2026-09-03', deadline: '2026-08-27', capacity: 25, companies: 25, room: 'Storsalen' },
  { garden: 1, trainer: 1, title: 'Digital strategi vinteren 2026 – Frøya', startDate: '2026-10-22', deadline: '2026-10-15', capacity: 32, companies: 30, room: 'Havsalen' },
  { garden: 2, trainer: 2, title: 'Digital strategi våren 2027 – Levanger', startDate: '2027-01-14', deadline: '2027-01-07', capacity: 20, companies: 26, room: 'Sal A' },
  { garden: 0, trainer: 0, title: 'Digital strategi våren 2027 – Oppdal', startDate: '2027-02-04', deadline: '2027-01-28', capacity: 20, companies: 14, room: 'Storsalen' },
] as const;

const PLACES = ['Oppdal', 'Rennebu', 'Frøya', 'Hitra', 'Levanger', 'Verdal', 'Røros', 'Holtålen', 'Selbu', 'Tydal', 'Meldal', 'Orkland', 'Snåsa', 'Inderøy'];
const TRADES: Array<[string, string]> = [
  ['Gardsmat', 'food'], ['Hytteservice', 'services'], ['Rørlegger', 'construction'], ['Regnskap', 'services'], ['Sjømat', 'food'],
  ['Friluftsguiding', 'tourism'], ['Snekkerverksted', 'crafts'], ['Blomster', 'retail'], ['Transport', 'transport'], ['Keramikk', 'creative'],
  ['Frisør', 'services'], ['Bakeri', 'food'], ['Camping', 'tourism'], ['Elektro', 'construction'], ['Sport', 'retail'],
];

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];
/** The n-th valid, fictitious organisation number of the demo range. */
export function demoOrgNumber(n: number): string {
  for (let base = 91_000_000 + n * 7; ; base += 1) {
    const digits = String(base);
    const check = (11 - (WEIGHTS.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11)) % 11;
    if (check !== 10) return digits + String(check);
  }
}

async function upsertStaff(name: string, email: string, role: 'trainer' | 'coordinator', passwordHash: string) {
  return User.findOneAndUpdate({ email }, { $set: { name, email, passwordHash }, $addToSet: { roles: role } }, { upsert: true, returnDocument: 'after' }).lean();
}

/**
 * The generated companies of the programme (about 100 with the five demo companies), each with its owner,
 * as [company id, owner id]. What an earlier run stored is read once and kept; the rest is inserted in one
 * batch per collection. (An upsert per company filters on orgNumber or email, which FerretDB answers by
 * reading the whole collection, so a hundred of them cost a hundred reads of a growing collection.)
 */
async function seedCompanies(count: number, passwordHash: string): Promise<Array<[Types.ObjectId, Types.ObjectId]>> {
  const bar = progress('Programme companies', count);
  const planned = Array.from({ length: count }, (_, i) => {
    const place = PLACES[i % PLACES.length]!;
    const [trade, sector] = TRADES[i % TRADES.length]!;
    const name = `${place} ${trade}${i >= PLACES.length * 2 ? ` ${Math.floor(i / PLACES.length)}` : ''}`;
    const email = `post@bedrift${String(i + 1).padStart(3, '0')}.demo`;
    return { name, orgNumber: demoOrgNumber(i), municipality: place, sector, employees: 1 + (i % 12), email };
  });
  const storedCompanies = await Company.find({ orgNumber: trusted({ $in: planned.map((p) => p.orgNumber) }) }, { orgNumber: 1 }).lean();
  const companyIdOf = new Map(storedCompanies.map((c) => [c.orgNumber, c._id]));
  const newCompanies = planned.filter((p) => !companyIdOf.has(p.orgNumber)).map(({ email, ...company }) => {
    const _id = new Types.ObjectId();
    companyIdOf.set(company.orgNumber, _id);
    return { _id, ...company, contactName: `Eier av ${company.name}`, contactEmail: email };
  });
  await Company.insertMany(newCompanies);

  const storedOwners = await User.find({ email: trusted({ $in: planned.map((p) => p.email) }) }, { email: 1 }).lean();
  const ownerIdOf = new Map(storedOwners.map((u) => [u.email, u._id]));
  const newOwners = planned.filter((p) => !ownerIdOf.has(p.email)).map((p) => {
    const _id = new Types.ObjectId();
    ownerIdOf.set(p.email, _id);
    return { _id, email: p.email, name: `Eier av ${p.name}`, companyId: companyIdOf.get(p.orgNumber)!, passwordHash, roles: ['participant'] };
  });
  await User.insertMany(newOwners);
  bar.tick(count);
  return planned.map((p) => [companyIdOf.get(p.orgNumber)!, ownerIdOf.get(p.email)!]);
}

/** Gardens with coordinators and rooms, trainers, ~100 companies and four cohorts with enrolments. */
export async function seedWorkshops(deps: { cohorts: CohortsService; enrolment: EnrolmentService }): Promise<Array<{ id: Types.ObjectId; title: string }>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = await User.findOne({ roles: 'admin' }).lean();
  if (!admin) throw new Error('seed the accounts first');
  const actor = toAccountView(admin);
  const trainers = [];
  for (const [name, email] of TRAINERS) trainers.push(await upsertStaff(name, email, 'trainer', passwordHash));
  const gardens = [];
  for (const { coordinator, ...garden } of GARDENS) {
    const person = await upsertStaff(coordinator[0], coordinator[1], 'coordinator', passwordHash);
    gardens.push(await Garden.findOneAndUpdate({ name: garden.name }, { $set: { ...garden, rooms: [...garden.rooms] }, $addToSet: { coordinatorIds: person!._id } }, { upsert: true, returnDocument: 'after' }).lean());
  }
  const companies = await seedCompanies(COHORTS.reduce((n, c) => n + c.companies, 0), passwordHash);

  const bar = progress('Cohorts and enrolments', companies.length);
  const cohorts = [];
  let next = 0;
  for (const plan of COHORTS) {
    const garden = gardens[plan.garden]!;
    let cohort = await Cohort.findOne({ gardenId: garden._id, title: plan.title }).lean();
    if (!cohort) {
      const { cohortId } = await deps.cohorts.createCohort(actor, {
        gardenId: String(garden._id), courseSlug: 'digital-strategy', title: plan.title, capacity: plan.capacity,
        participantsPerCompany: 2, enrolmentDeadline: plan.deadline, trainerIds: [String(trainers[plan.trainer]!._id)],
        startDate: plan.startDate, startTime: '16:00', endTime: '19:00', room: plan.room, minSessionsAttended: 5,
      });
      // The demo's cohorts are public from the start.
      await deps.cohorts.publishCohort(actor, cohortId);
      cohort = await Cohort.findById(cohortId).lean();
    }
    cohorts.push({ id: cohort!._id, title: plan.title });
    for (const [companyId, ownerId] of companies.slice(next, next + plan.companies)) {
      await deps.enrolment.enrolCompany({ cohortId: cohort!._id, companyId, participantIds: [ownerId], actorId: admin._id, asCoordinator: true })
        .catch((error: unknown) => { if (!(error instanceof ConflictError)) throw error; });
      bar.tick();
    }
    next += plan.companies;
  }
  // Two demo owners join the upcoming Oppdal cohort, one the running Frøya cohort, so their pages show a workshop series.
  for (const [email, cohortIndex] of [[DEMO_COMPANIES[0].owner[1], 3], [DEMO_COMPANIES[3].owner[1], 3], [DEMO_COMPANIES[1].owner[1], 1]] as const) {
    const owner = await User.findOne({ email }).lean();
    await deps.enrolment.enrolCompany({ cohortId: cohorts[cohortIndex]!.id, companyId: owner!.companyId!, participantIds: [owner!._id], actorId: admin._id, asCoordinator: true })
      .catch((error: unknown) => { if (!(error instanceof ConflictError)) throw error; });
  }
  return cohorts;
}
