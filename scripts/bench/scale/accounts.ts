import { Types } from 'mongoose';
import { Company } from '../../../src/accounts/company.model.js';
import { User } from '../../../src/accounts/user.model.js';
import { demoOrgNumber } from '../../seed/workshops.js';
import { COMPANIES_PER_COHORT } from '../sizes.js';
import { batchWriter, seeded } from './batch.js';
import type { World } from './world.js';

const TRADES: Array<[string, string]> = [
  ['Gardsbutikk', 'agriculture'], ['Sjømat', 'food'], ['Turistsenter', 'tourism'], ['Jernvare', 'retail'], ['Vevstue', 'crafts'],
  ['Maskin', 'construction'], ['Regnskap', 'services'], ['Design', 'creative'], ['Taxi', 'transport'], ['Bakeri', 'food'],
];
const FIRST = ['Anne', 'Bjørn', 'Cecilie', 'Dag', 'Eli', 'Geir', 'Hilde', 'Ivar', 'Janne', 'Knut', 'Liv', 'Magnus', 'Nina', 'Ola', 'Randi', 'Sindre'];
const LAST = ['Aas', 'Berg', 'Dahl', 'Eide', 'Fjeld', 'Haugen', 'Lie', 'Moen', 'Nilsen', 'Rønning', 'Strand', 'Vik'];
// Generated organisation numbers start above the demo seed's, so the two never meet.
const ORG_OFFSET = 10_000;

/** Twenty companies per generated cohort, each with three or four people (the first is the owner). */
export async function generateAccounts(world: World): Promise<void> {
  const random = seeded(1200);
  const companies = batchWriter(Company, 'companies');
  const users = batchWriter(User, 'people');
  const count = world.cohorts.length * COMPANIES_PER_COHORT;
  for (let i = 0; i < count; i += 1) {
    const [trade, sector] = TRADES[i % TRADES.length]!;
    const cohort = world.cohorts[Math.floor(i / COMPANIES_PER_COHORT)]!;
    const municipality = `Kommune ${1 + Math.floor(random() * 120)}`;
    const company = { _id: new Types.ObjectId(), index: i, name: `${trade} ${i + 1} AS`, people: [] as Array<{ _id: Types.ObjectId; email: string; name: string }>, cohort };
    await companies.add({ _id: company._id, name: company.name, orgNumber: demoOrgNumber(ORG_OFFSET + i), municipality, sector, employees: 1 + Math.floor(random() * 19) });
    for (let p = 0; p < 3 + (i % 2); p += 1) {
      const person = { _id: new Types.ObjectId(), email: `person${p + 1}@firma${i + 1}.bench`, name: `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}` };
      company.people.push(person);
      await users.add({ ...person, passwordHash: world.passwordHash, roles: ['participant'], companyId: company._id, language: p === 3 ? 'en' : 'nb' });
    }
    world.companies.push(company);
  }
  await companies.done();
  await users.done();
}
