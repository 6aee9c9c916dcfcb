// Fills the database with demo data so every role can be tried within a minute.
// Safe to run again: each record is matched on a natural key and refreshed, never duplicated.
import { loadConfig } from '../src/shared/config.js';
import { openDatabase } from '../src/shared/db/database.js';
import { registerMessages } from '../src/messages.js';
import { DEMO_PASSWORD } from './seed/accounts.js';
import { seedDemo } from './seed/demo.js';

registerMessages();
const config = loadConfig();
if (config.isProduction) {
  console.error('Refusing to seed: NODE_ENV=production, and demo accounts have a published password.');
  process.exit(1);
}
const database = await openDatabase(config, (line) => console.log(line));
try {
  const { accounts, feeds } = await seedDemo(config.BASE_URL);
  console.log(`\nDemo data is ready. Every demo account's password is: ${DEMO_PASSWORD}`);
  console.table(accounts);
  if (feeds.length) console.log(`Calendar feeds (shown once):\n${feeds.join('\n')}`);
  console.log('More: koordinator.kyst@…, koordinator.innherred@… (coordinators), hanne.holm@…, eirik.ness@… (trainers), post@bedrift001.demo … (owners of the programme companies).');
} finally {
  await database.close();
}
