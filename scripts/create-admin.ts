// Creates the first administrator (or makes an existing account one).
// Values come from ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD, or are asked for at the terminal.
import { createInterface } from 'node:readline/promises';
import { createAdmin } from '../src/accounts/admin.service.js';
import { ValidationError } from '../src/shared/errors.js';
import { loadConfig } from '../src/shared/config.js';
import { openDatabase } from '../src/shared/db/database.js';
import { translate } from '../src/shared/i18n/index.js';
import { registerMessages } from '../src/messages.js';

async function ask(): Promise<{ email: string; name: string; password: string }> {
  const { ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD } = process.env;
  if (ADMIN_EMAIL && ADMIN_PASSWORD) return { email: ADMIN_EMAIL, name: ADMIN_NAME ?? 'Administrator', password: ADMIN_PASSWORD };
  if (!process.stdin.isTTY) throw new Error('Set ADMIN_EMAIL and ADMIN_PASSWORD (and optionally ADMIN_NAME) when not at a terminal.');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const email = (await rl.question('Admin email: ')).trim();
  const name = (await rl.question('Name [Administrator]: ')).trim() || 'Administrator';
  const password = await rl.question('Password (at least 10 characters; shown as you type): ');
  rl.close();
  return { email, name, password };
}

registerMessages();
const config = loadConfig();
const input = await ask();
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) {
  console.error(`"${input.email}" is not an email address.`);
  process.exit(1);
}
const database = await openDatabase(config, (line) => console.log(line));
try {
  const outcome = await createAdmin(input);
  console.log(outcome === 'created' ? `Admin ${input.email} created.` : `${input.email} existed and is now an admin with the new password.`);
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.error(Object.values(error.fields).map((key) => translate('en', key)).join(' '));
  process.exitCode = 1;
} finally {
  await database.close();
}
