// npm run soak: leaves the app running with two signed-in users reading their pages, the
// expiry sweep running every minute with expired sessions to delete, and checks that no
// page ever shows the other user and that the app's log has no wire-protocol error.
// It starts its own FerretDB on a fresh folder, talks only to loopback and stops by itself.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../src/shared/config.js';
import { openDatabase } from '../src/shared/db/database.js';
import { ensureFerretDB } from '../src/shared/db/ferretdb-binary.js';
import { freePort, startFerretDB } from '../src/shared/db/ferretdb.js';
import { startCompiledServer, stopProcess, waitForPort } from './app-process.js';
import { loginCookie } from './bench/session.js';
import { DEMO_PASSWORD } from './seed/accounts.js';
import { seedDemo } from './seed/demo.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const READERS = [
  { email: 'ingrid@bjorkli.demo', name: 'Ingrid Bjørkli', company: 'Bjørkli Gard' },
  { email: 'per@rorosgjest.demo', name: 'Per Haugen', company: 'Røros Gjestegård' },
];
// What the log says when a reply reached the wrong request or a w:0 write was refused.
const WIRE_TROUBLE = /wire-protocol-error|unacknowledged-write|MongoUnexpectedServerResponseError|ReplyMismatchError|BSON element/;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'da-soak-'));
const ferret = await startFerretDB({ binary: await ensureFerretDB(process.env.FERRETDB_BIN, console.log), dataDir });
const env = { MONGODB_URI: ferret.uri, NODE_ENV: 'production', SESSION_SECRET: 'soak-secret-soak-secret', COOKIE_SECURE: 'false', LOG_LEVEL: 'warn', EXPIRY_SWEEP_MINUTES: '1' };
const seeding = await openDatabase(loadConfig(env), console.log);
await seedDemo('http://127.0.0.1');
await seeding.close();

const port = await freePort();
const app = startCompiledServer({ ...env, PORT: String(port), HOST: '127.0.0.1' }, 'pipe');
let log = '';
app.stdout!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
app.stderr!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
await waitForPort(port, app);
const base = `http://127.0.0.1:${port}`;
const cookies = await Promise.all(READERS.map((r) => loginCookie(base, r.email, DEMO_PASSWORD)));
const sessions = new MongoClient(ferret.uri);
await sessions.connect();

const counts = { pages: 0, wrongUser: 0, notOk: 0, expiredPlanted: 0 };
const deadline = Date.now() + MINUTES * 60_000;
let nextPlant = 0;
console.log(`Soak: ${MINUTES} min, two users reading /dashboard, expiry sweep every minute`);
while (Date.now() < deadline) {
  if (Date.now() >= nextPlant) {
    // Expired sessions for the sweep to delete, as real visitors leave behind.
    const past = new Date(Date.now() - 60_000);
    const docs = Array.from({ length: 50 }, (_, i) => ({ _id: `soak-${Date.now()}-${i}`, session: '{"cookie":{}}', expires: past, lastModified: past }));
    await sessions.db('digital_afternoons').collection<{ _id: string }>('sessions').insertMany(docs);
    counts.expiredPlanted += docs.length;
    nextPlant = Date.now() + 60_000;
  }
  const round = READERS.flatMap((reader, i) => [0, 1, 2].map(async () => {
    const response = await fetch(`${base}/dashboard`, { headers: { cookie: cookies[i]! } });
    const html = await response.text();
    const other = READERS[1 - i]!;
    counts.pages += 1;
    if (response.status !== 200) counts.notOk += 1;
    if (html.includes(other.name) || html.includes(other.company) || (response.status === 200 && !html.includes(reader.name))) counts.wrongUser += 1;
  }));
  await Promise.all(round);
  await new Promise((r) => setTimeout(r, 100));
}

const left = await sessions.db('digital_afternoons').collection('sessions').countDocuments({ _id: { $regex: '^soak-' } } as object);
await sessions.close();
await stopProcess(app);
await ferret.stop();
await fs.rm(dataDir, { recursive: true, force: true });
const troubles = log.split('\n').filter((line) => WIRE_TROUBLE.test(line));
console.log({ ...counts, expiredLeft: left, wireErrorsInLog: troubles.length });
for (const line of troubles.slice(0, 5)) console.log(line);
process.exit(counts.wrongUser || troubles.length || counts.notOk ? 1 : 0);
