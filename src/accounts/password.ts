import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { MessageKey } from '../shared/i18n/index.js';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** scrypt's work factors. They are stored in each hash, so a hash verifies with the cost it was made with. */
export interface ScryptCost { N: number; r: number; p: number }

// N=2^15, r=8 costs about 32 MiB and tens of milliseconds: slow for an attacker, fine for a login.
const PASSWORD_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 32;

/**
 * Hashes a password with scrypt and a random salt; the parameters travel with the hash.
 * Every hash the app makes uses PASSWORD_COST; only the tests' fixture accounts pass a cheaper one.
 */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Compares a password with a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const expectedKey = Buffer.from(expected, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expectedKey.length, {
    N: Number(N), r: Number(r), p: Number(p), maxmem: MAX_MEMORY,
  });
  return crypto.timingSafeEqual(key, expectedKey);
}

// A stand-in hash so an unknown email costs as much time as a wrong password.
const decoy = hashPassword(crypto.randomBytes(12).toString('hex'));

/** Spends the time of one verification, so response times do not reveal which emails exist. */
export async function verifyNothing(password: string): Promise<false> {
  await verifyPassword(password, await decoy);
  return false;
}

const COMMON = new Set([
  'password123', 'passord123', '1234567890', '123456789012', 'qwertyuiop', 'sommer2024', 'sommer2025',
  'vinter2024', 'vinter2025', 'velkommen1', 'velkommen123', 'welcome123', 'letmein123', 'iloveyou12', 'norge12345',
]);

/**
 * Returns an i18n key naming why a password is too weak, or undefined when it is fine.
 * Length matters most (NIST SP 800-63B): at least 10 characters, not a common or trivial one.
 */
export function passwordWeakness(password: string, email?: string): MessageKey | undefined {
  if (password.length < 10) return 'accounts.password.tooShort';
  if (password.length > 200) return 'accounts.password.tooLong';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || new Set(lower).size < 4) return 'accounts.password.tooCommon';
  if (email && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 4) {
    return 'accounts.password.containsEmail';
  }
  return undefined;
}
