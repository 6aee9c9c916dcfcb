import crypto from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';
import { declaredRoutes, type DeclaredRoute } from '../support/routes.js';
import { PARAMS, rows, type Expected, type TableRow as Found } from './access-matrix/expectations.js';
import { buildWorld, ROLES, signedIn, visitor, type Caller, type Role, type World } from './access-matrix/world.js';

interface Mismatch { route: string; role: Role | 'refused roles'; expected: string; got: string }

// Collections a refused request may still write: its session (flash, token) and read caches rebuilt on a read.
const NOT_DATA = new Set(['sessions', 'freshcaches', 'scopeversions']);

/** A fingerprint of every document the app keeps, to prove a refused request changed nothing. */
async function dataDigest(): Promise<string> {
  const db = mongoose.connection.db!;
  const hash = crypto.createHash('sha256');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !NOT_DATA.has(n)).sort();
  const contents = await Promise.all(names.map((name) => db.collection(name).find({}).sort({ _id: 1 }).toArray()));
  names.forEach((name, i) => hash.update(`${name}:${JSON.stringify(contents[i])}`));
  return hash.digest('hex');
}

function pathFor(route: DeclaredRoute, row: Found, ids: World['ids'], role: Role, malformed = false): string {
  const values = { ...PARAMS(ids), ...row.groupParams?.(ids), ...row.params?.(ids, role) };
  const path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
    if (malformed) return 'not-an-id';
    const value = values[name];
    if (value === undefined) throw new Error(`${route.key}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  return path + (row.query?.(ids) ?? '');
}

function ask(caller: Caller, route: DeclaredRoute, row: Found, path: string, ids: World['ids']): Promise<Response> {
  if (route.method === 'GET') return caller.agent.get(path);
  if (row.multipart) return caller.agent.post(`${path}${path.includes('?') ? '&' : '?'}_csrf=${caller.token}`).field('title', '');
  return caller.agent.post(path).type('form').send({ ...row.body?.(ids), _csrf: caller.token });
}

const isLogin = (response: Response) => response.status === 302 && String(response.headers.location).startsWith('/login');

/** Whether the answer is what the row expects; 'ok' for a POST also takes a refusal of its content (400, 409, a redirect). */
function meets(expected: Expected, response: Response, method: string): boolean {
  if (expected === 'login') return isLogin(response);
  if (expected !== 'ok') return response.status === expected;
  if (method === 'GET') return response.status === 200;
  return [200, 302, 303, 400, 409].includes(response.status) && !isLogin(response);
}

const describeAnswer = (response: Response) =>
  response.status === 302 || response.status === 303 ? `${response.status} → ${String(response.headers.location)}` : String(response.status);

function table(mismatches: Mismatch[]): string {
  const widths = [56, 16, 10];
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return ['', line(['route', 'role', 'expected', 'got']), ...mismatches.map((m) => line([m.route, m.role, m.expected, m.got]))].join('\n');
}

describe('access matrix: every declared route asked as every role', function () {
  this.timeout(120_000);
  let t: TestApp;
  let world: World;
  let routes: DeclaredRoute[];
  const expectations = rows();

  before(async () => {
    // No mail worker: emails queued by an allowed request must not change the data while the next route's refusals are checked.
    t = await startTestApp({ MAIL_WORKER: 'off' });
    world = await buildWorld(t.app);
    routes = declaredRoutes(t.app);
  });
  after(() => t.close());

  /** Asks one route as every role: the refused roles first, so the allowed ones meet the world unchanged. */
  async function askEveryRole(route: DeclaredRoute, row: Found): Promise<Mismatch[]> {
    const mismatches: Mismatch[] = [];
    const callerFor = async (role: Role) => {
      if (!row.fresh) return world.callers[role];
      return role === 'anonymous' ? visitor(t.app) : signedIn(t.app, world.emails[role]);
    };
    const check = async (role: Role) => {
      const response = await ask(await callerFor(role), route, row, pathFor(route, row, world.ids, role), world.ids);
      const expected = row.expect[role];
      if (!meets(expected, response, route.method)) mismatches.push({ route: route.key, role, expected: String(expected), got: describeAnswer(response) });
    };
    const refused = ROLES.filter((role) => row.expect[role] !== 'ok');
    const allowed = ROLES.filter((role) => row.expect[role] === 'ok');
    if (route.method === 'GET') {
      await Promise.all(ROLES.map(check));
      return mismatches;
    }
    // A refused POST must change nothing, whoever sent it.
    const before = await dataDigest();
    await Promise.all(refused.map(check));
    if ((await dataDigest()) !== before) mismatches.push({ route: route.key, role: 'refused roles', expected: 'no change', got: 'data changed' });
    for (const role of allowed) await check(role);
    return mismatches;
  }

  it('when a route is declared, then the table has a row for it (and no row names a route that is gone)', () => {
    const declared = new Set(routes.map((r) => r.key));
    const missing = routes.filter((r) => !expectations.has(r.key)).map((r) => r.key);
    const stale = [...expectations.keys()].filter((key) => !declared.has(key));
    expect(missing, `routes without a row in test/shared/access-matrix/expectations.ts: decide who may use them\n${missing.join('\n')}`).to.deep.equal([]);
    expect(stale, 'rows for routes the app no longer declares').to.deep.equal([]);
  });

  // Before the full matrix, whose last rows end the shared sessions.
  it('when a route is asked with malformed ids, then it answers 404 (or its row\'s answer), never 500', async () => {
    const mismatches: Mismatch[] = [];
    for (const route of routes.filter((r) => r.path.includes(':') && expectations.has(r.key) && !expectations.get(r.key)!.fresh)) {
      const row = expectations.get(route.key)!;
      // Asked by roles the route lets through, so the answer is about the id, not the role.
      const askers = (['admin', ...ROLES] as Role[]).filter((role, i, all) => row.expect[role] === 'ok' && all.indexOf(role) === i).slice(0, 2);
      for (const role of askers) {
        const response = await ask(world.callers[role], route, row, pathFor(route, row, world.ids, role, true), world.ids);
        const expected = row.malformed ?? 404;
        if (response.status !== expected) mismatches.push({ route: route.key, role, expected: String(expected), got: describeAnswer(response) });
      }
    }
    if (mismatches.length) expect.fail(`${mismatches.length} answers not as the table says:${table(mismatches)}`);
  });

  it('when each role asks each route, then it gets the expected answer, and a refused POST changes nothing', async () => {
    const mismatches: Mismatch[] = [];
    const known = routes.filter((r) => expectations.has(r.key));
    // Rows marked last go after the rest, and those that end sessions after those.
    const rank = (r: DeclaredRoute) => { const row = expectations.get(r.key)!; return (row.last ? 1 : 0) + (row.fresh ? 1 : 0); };
    const ordered = [0, 1, 2].flatMap((n) => known.filter((r) => rank(r) === n));
    const started = Date.now();
    // GET routes change nothing a row relies on, so up to four are asked at once; a POST is asked alone.
    for (let i = 0; i < ordered.length;) {
      let size = 1;
      while (size < 4 && ordered[i]!.method === 'GET' && ordered[i + size]?.method === 'GET') size += 1;
      const batch = ordered.slice(i, i + size);
      mismatches.push(...(await Promise.all(batch.map((route) => askEveryRole(route, expectations.get(route.key)!)))).flat());
      i += size;
    }
    console.log(`      ${known.length} routes × ${ROLES.length} roles in ${Date.now() - started} ms`);
    if (mismatches.length) expect.fail(`${mismatches.length} answers not as the table says:${table(mismatches)}`);
  });
});
