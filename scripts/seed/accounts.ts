import type { Types } from 'mongoose';
import { Company } from '../../src/accounts/company.model.js';
import { hashPassword } from '../../src/accounts/password.js';
import { User, type Role } from '../../src/accounts/user.model.js';
import { progress } from '../progress.js';

export const DEMO_PASSWORD = 'demo-ettermiddag-2026';

/** Demo companies, modelled on the kinds of firm in the Trøndelag course; org numbers are valid but fictitious. */
export const DEMO_COMPANIES = [
  { name: 'Bjørkli Gard', orgNumber: '999000010', municipality: 'Oppdal', sector: 'agriculture', employees: 3, owner: ['Ingrid Bjørkli', 'ingrid@bjorkli.demo'] },
  { name: 'Røros Gjestegård', orgNumber: '999000029', municipality: 'Røros', sector: 'tourism', employees: 6, owner: ['Per Haugen', 'per@rorosgjest.demo'] },
  { name: 'Frøya Kafé og Bakeri', orgNumber: '999000037', municipality: 'Frøya', sector: 'food', employees: 4, owner: ['Sunniva Strand', 'sunniva@froyakafe.demo'] },
  { name: 'Selbu Strikkestue', orgNumber: '999000045', municipality: 'Selbu', sector: 'crafts', employees: 2, owner: ['Marit Selbekk', 'marit@selbustrikk.demo'] },
  { name: 'Orkland Elektro', orgNumber: '999000053', municipality: 'Orkland', sector: 'construction', employees: 9, owner: ['Jonas Berg', 'jonas@orklandelektro.demo'] },
] as const;

const STAFF: Array<{ email: string; name: string; roles: Role[] }> = [
  { email: 'admin@digital-afternoons.demo', name: 'Astrid Admin', roles: ['admin'] },
  { email: 'koordinator@digital-afternoons.demo', name: 'Kari Koordinator', roles: ['coordinator'] },
  { email: 'kursholder@digital-afternoons.demo', name: 'Trond Kursholder', roles: ['trainer'] },
];

async function upsertUser(email: string, fields: { name: string; roles: Role[]; companyId?: Types.ObjectId; passwordHash: string }) {
  return User.findOneAndUpdate({ email }, { $set: { ...fields, email } }, { upsert: true, returnDocument: 'after' }).lean();
}

/** Creates (or refreshes) the demo staff, companies and their owners; returns the accounts to print. */
export async function seedAccounts(): Promise<Array<{ email: string; roles: string }>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const bar = progress('Accounts and companies', STAFF.length + DEMO_COMPANIES.length);
  const printed: Array<{ email: string; roles: string }> = [];
  for (const staff of STAFF) {
    await upsertUser(staff.email, { name: staff.name, roles: staff.roles, passwordHash });
    printed.push({ email: staff.email, roles: staff.roles.join(', ') });
    bar.tick();
  }
  for (const demo of DEMO_COMPANIES) {
    const { owner, ...fields } = demo;
    const company = await Company.findOneAndUpdate({ orgNumber: demo.orgNumber }, { $set: { ...fields, contactName: owner[0], contactEmail: owner[1] } }, { upsert: true, returnDocument: 'after' }).lean();
    await upsertUser(owner[1], { name: owner[0], roles: ['participant'], companyId: company!._id, passwordHash });
    printed.push({ email: owner[1], roles: `participant (${demo.name})` });
    bar.tick();
  }
  return printed;
}
