import crypto from 'node:crypto';
import { Company } from '../../src/accounts/company.model.js';
import { hashPassword } from '../../src/accounts/password.js';
import type { Types } from 'mongoose';
import { User, type Role } from '../../src/accounts/user.model.js';

export const PASSWORD = 'riktig hest batteri stift';
// One hash for every fixture account, made at a cheap cost: fixture accounts sign in hundreds of times
// a run, and each hash carries its own cost. Hashes the app makes (registration, resets) keep the real cost.
const FIXTURE_COST = { N: 2 ** 10, r: 8, p: 1 };
const passwordHash = hashPassword(PASSWORD, FIXTURE_COST);

/** The hash of PASSWORD that every fixture account shares, for tests that insert accounts in bulk. */
export const fixturePasswordHash = (): Promise<string> => passwordHash;

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** A valid organisation number whose first eight digits come from `seed`. */
export function orgNumber(seed: number): string {
  for (let n = seed; ; n += 1) {
    const base = String(90000000 + (n % 9999999)).padStart(8, '0');
    const sum = WEIGHTS.reduce((total, w, i) => total + w * Number(base[i]), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return base + String(check);
  }
}

export async function makeCompany(overrides: Partial<{ name: string; orgNumber: string }> = {}) {
  return Company.create({
    name: overrides.name ?? `Testbedrift ${crypto.randomBytes(3).toString('hex')}`,
    orgNumber: overrides.orgNumber ?? orgNumber(crypto.randomInt(1, 9_000_000)),
    municipality: 'Oppdal', sector: 'food', employees: 3,
  });
}

/** An account with a known password (PASSWORD) and the given roles. */
export async function makeAccount(options: { roles?: Role[]; companyId?: Types.ObjectId; email?: string; name?: string; language?: 'nb' | 'en' } = {}) {
  return User.create({
    email: options.email ?? `user-${crypto.randomBytes(4).toString('hex')}@example.no`,
    name: options.name ?? 'Test Testesen',
    passwordHash: await passwordHash,
    roles: options.roles ?? ['participant'],
    companyId: options.companyId,
    language: options.language ?? 'nb',
  });
}
