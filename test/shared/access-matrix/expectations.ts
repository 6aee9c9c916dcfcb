import { ROLES, type Role, type World } from './world.js';

/**
 * What a role is answered: 'ok' is let through (GET: 200; POST: done, or refused for
 * its content with 400/409 or a redirect that explains), 'login' is a redirect to the
 * login page, a number is that exact status. 409 is also how a company's action
 * explains itself to an account that belongs to no company (staff).
 */
export type Expected = 'ok' | 'login' | 302 | 403 | 404 | 409;
export type Expectations = Record<Role, Expected>;
type Ids = World['ids'];

export interface Row {
  /** Who gets what; the group's rule when left out. */
  expect?: Expectations;
  /** Path parameters this route takes instead of the world's (see PARAMS), per asking role when it must be. */
  params?: (ids: Ids, role: Role) => Record<string, string>;
  query?: (ids: Ids) => string;
  /** The form sent with a POST besides its token; an empty form by default, so an allowed role meets validation. */
  body?: (ids: Ids) => Record<string, string>;
  /** The form is multipart (an upload): the token goes in the query string, as the page's form does it. */
  multipart?: boolean;
  /** Asked after every other route: allowing it changes what other rows rely on (an enrolment, the sessions). */
  last?: boolean;
  /** Each role asks with a browser of its own, signed in for this request alone: the request ends its session. */
  fresh?: boolean;
  /** The answer when every parameter is malformed; 404 unless said. */
  malformed?: number;
}

/** The world's value for each path parameter name; `:id` is named per group. */
export const PARAMS = (ids: Ids): Record<string, string> => ({
  cohortId: ids.cohortId, sessionId: ids.sessionId, companyId: ids.companyId, gardenId: ids.gardenId, jobId: ids.jobId,
  course: ids.course, module: ids.module, section: ids.section, version: ids.version, stage: ids.stage, lang: ids.lang,
  publicId: ids.publicId, secret: ids.resetSecret, token: ids.personFeed,
});

// ---- rules ----------------------------------------------------------------------------------------

const everyone: Expectations = Object.fromEntries(ROLES.map((role) => [role, 'ok'])) as Expectations;

/** The roles let through; visitors are sent to log in, everyone else gets `otherwise`. */
function only(allowed: Role[], otherwise: 403 | 404 = 403): Expectations {
  return Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role) ? 'ok' : role === 'anonymous' ? 'login' : otherwise])) as Expectations;
}
const with_ = (rule: Expectations, changes: Partial<Expectations>): Expectations => ({ ...rule, ...changes });

const SIGNED_IN = ROLES.filter((role) => role !== 'anonymous');
const signedIn = only(SIGNED_IN);
const admins = only(['admin']);
/** Coordinators of any garden and admins (lists that show each their own). */
const anyCoordinator = only(['coordinator', 'otherCoordinator', 'admin']);
/** The garden's coordinator and admins. */
const managers = only(['coordinator', 'admin']);
/** Course material is the course staff's: every trainer, coordinator and admin. */
const courseStaff = only(['trainer', 'otherTrainer', 'coordinator', 'otherCoordinator', 'admin']);
/** A material is deleted by its uploader (the cohort's trainer), the coordinators of the uploader's garden and admins. */
const materialKeepers = only(['trainer', 'coordinator', 'admin']);
/** A cohort's staff: its garden's coordinator, its trainer and admins. */
const cohortStaff = only(['coordinator', 'trainer', 'admin']);
/** Who may see a strategy: its company, its reviewer, its cohort's coordinator and admins; to others it does not exist. */
const strategyReaders = only(['participant', 'trainer', 'coordinator', 'admin'], 404);
/** Only the company writes: readers who are not the company are refused, strangers still see nothing. */
const companyWrites = with_(only(['participant'], 404), { trainer: 403, coordinator: 403, admin: 403 });
/** Only the reviewer (the cohort's trainer) decides: other readers are refused, strangers see nothing. */
const reviewerDecides = with_(only(['trainer'], 404), { participant: 403, coordinator: 403, admin: 403 });
/** Pages only the company has (a form to fill in): not there for anyone else. */
const companyPage = only(['participant'], 404);
/** A company's action on a cohort: staff accounts have no company and are refused. */
const companyAction = only(['participant', 'otherParticipant']);
/** Accounts that belong to a company (participants); staff accounts have none, and are told so (409). */
const withCompany = with_(only(['participant', 'otherParticipant']), { trainer: 409, otherTrainer: 409, coordinator: 409, otherCoordinator: 409, admin: 409 });

// ---- the table ---------------------------------------------------------------------------------------

/** Routes under one rule (each may give its own), and the values of parameters their paths share, e.g. `:id`. */
interface Group { rule?: Expectations; params?: (ids: Ids) => Record<string, string>; routes: Record<string, Row> }

export const GROUPS: Record<string, Group> = {
  'public pages': {
    rule: everyone,
    routes: {
      'GET /healthz': {},
      'GET /': {},
      'GET /privacy': {},
      'GET /accessibility': {},
      'GET /lang/:lang': { expect: map(everyone, 302), malformed: 302 },
      'GET /courses': {},
      'GET /courses/:course': {},
      'GET /workshops': {},
      'GET /workshops/:cohortId': {},
      'GET /workshops/:cohortId/calendar.ics': {},
      'GET /workshops/:cohortId/sessions/:sessionId.ics': {},
      // Feeds and certificates: the secret in the address is the key, whoever holds it.
      'GET /feeds/:token.ics': {},
      'GET /feeds/garden/:token.ics': { params: (ids) => ({ token: ids.gardenFeed }) },
      'GET /certificates/:publicId': {},
    },
  },
  'accounts: the forms before signing in': {
    rule: everyone,
    routes: {
      // A signed-in person has an account: the forms send them on.
      'GET /register': { expect: with_(map(everyone, 302), { anonymous: 'ok' }) },
      'POST /register': {},
      'GET /login': { expect: with_(map(everyone, 302), { anonymous: 'ok' }) },
      'POST /login': {},
      'POST /logout': { fresh: true, last: true },
      'GET /password/forgot': {},
      // Where an erased account is sent: nothing personal on it.
      'GET /profile/deleted': {},
      'POST /password/forgot': {},
      'GET /password/choose/:secret': {},
      // The new password is checked before the link: an empty form is 400 whatever the secret.
      'POST /password/choose/:secret': { malformed: 400 },
      'GET /profile/email/:secret': { params: (ids) => ({ secret: ids.emailSecret }) },
      // The real link is spent by whoever uses it first (tested in profile.test.ts); an unknown one is 404 to all.
      'POST /profile/email/:secret': { expect: map(everyone, 404), params: () => ({ secret: 'unknown-secret-of-forty-characters-long' }) },
    },
  },
  'accounts: your own': {
    rule: signedIn,
    routes: {
      'GET /dashboard': {},
      'GET /company': {},
      'GET /profile': {},
      'POST /profile/details': {},
      'POST /profile/password': {},
      'POST /profile/email': {},
      'POST /profile/logout-everywhere': { fresh: true, last: true },
      // One's own data: there is no address for anyone else's. An empty delete form is refused for its missing password.
      'GET /profile/data': {},
      'GET /profile/data.json': {},
      'GET /profile/delete': {},
      'POST /profile/delete': {},
      'GET /check-in': {},
      'POST /check-in': {},
      'POST /feeds': {},
    },
  },
  'accounts: a company\'s page': {
    // The company's people and admins change it; coordinators of a garden where it is enrolled only read it; to others it does not exist.
    rule: only(['participant', 'admin'], 404),
    params: (ids) => ({ id: ids.companyId }),
    routes: {
      'GET /companies/:id': { expect: only(['participant', 'coordinator', 'admin'], 404) },
      'POST /companies/:id/details': {},
      'POST /companies/:id/colleagues': {},
      // Someone who is not in the company is not there to remove, for anybody; nobody is removed.
      'POST /companies/:id/colleagues/:personId/remove': { expect: with_(map(signedIn, 404), { anonymous: 'login' }), params: (ids) => ({ id: ids.companyId, personId: ids.bystanderId }) },
    },
  },
  'accounts: your sessions': {
    rule: signedIn,
    routes: {
      // A handle is only ever one's own; an unknown one is not there for anybody.
      'POST /profile/sessions/:handle/end': { expect: with_(map(signedIn, 404), { anonymous: 'login' }), params: () => ({ handle: 'no-such-handle' }) },
    },
  },
  'admin': {
    rule: admins,
    params: (ids) => ({ id: ids.bystanderId }),
    routes: {
      'GET /admin/users': {},
      'POST /admin/users/:id/roles': {},
      'GET /admin/mail': {},
    },
  },
  'courses and materials': {
    rule: courseStaff,
    params: (ids) => ({ id: ids.materialId }),
    routes: {
      // Enrolling the other company would let it read the course: last.
      'POST /courses/:course/enrolment': { expect: withCompany, last: true },
      // A company not enrolled in the course is sent to the course page to enrol first.
      'GET /courses/:course/modules/:module': { expect: with_(signedIn, { otherParticipant: 302 }) },
      'POST /courses/:course/modules/:module/progress': { expect: only(['participant']), body: () => ({ done: 'true' }) },
      'GET /courses/:course/modules/:module/materials/new': {},
      'POST /courses/:course/modules/:module/materials': { multipart: true },
      'GET /materials/:id': { expect: with_(signedIn, { otherParticipant: 403 }) },
      // Each role is given a material of its own (all the trainer's), so every answer is about one that exists.
      'POST /materials/:id/delete': { expect: materialKeepers, params: (ids, role) => ({ id: ids.materialIds[role] }) },
    },
  },
  'a company and a cohort': {
    rule: companyAction,
    routes: {
      // Enrolling is open to any company; these change the cohort's roster, so they come last.
      // Unlike the course and colleague forms (409), they refuse an account without a company with 403.
      'POST /workshops/:cohortId/enrol': { last: true },
      'POST /workshops/:cohortId/join': { last: true },
      'POST /workshops/:cohortId/withdraw': { last: true },
    },
  },
  'gardens': {
    rule: managers,
    routes: {
      'GET /gardens': { expect: anyCoordinator },
      'GET /gardens/new': { expect: admins },
      'POST /gardens': { expect: admins },
      'GET /gardens/:gardenId/edit': {},
      'POST /gardens/:gardenId': {},
    },
  },
  'cohorts: the garden\'s coordinator': {
    rule: managers,
    routes: {
      'GET /cohorts/new': { query: (ids) => `?garden=${ids.gardenId}` },
      'POST /cohorts': { body: (ids) => ({ gardenId: ids.gardenId }) },
      'GET /cohorts/:cohortId/manage': {},
      'GET /cohorts/:cohortId/terms': {},
      'GET /cohorts/:cohortId/companies/:companyId': {},
      'POST /cohorts/:cohortId': {},
      'POST /cohorts/:cohortId/publish': {},
      'POST /cohorts/:cohortId/sessions': {},
      'POST /cohorts/:cohortId/sessions/:sessionId/cancel': {},
      'POST /cohorts/:cohortId/enrolments': {},
      'POST /cohorts/:cohortId/enrolments/:companyId/remove': {},
      'POST /cohorts/:cohortId/enrolments/:companyId/move': {},
      'POST /cohorts/:cohortId/enrolments/:companyId/invites': {},
      'GET /cohorts/:cohortId/import': {},
      'POST /cohorts/:cohortId/import': { multipart: true },
      'GET /cohorts/:cohortId/import/:jobId': {},
      'POST /cohorts/:cohortId/import/:jobId/confirm': { last: true },
      'POST /cohorts/:cohortId/import/:jobId/resume': { last: true },
    },
  },
  'cohorts: the cohort\'s staff': {
    rule: cohortStaff,
    routes: {
      'GET /cohorts/:cohortId/sessions/:sessionId/register': {},
      'POST /cohorts/:cohortId/sessions/:sessionId/register': {},
      'POST /cohorts/:cohortId/sessions/:sessionId/register/sheet': { multipart: true },
      'GET /cohorts/:cohortId/overview': {},
    },
  },
  'mail': {
    params: (ids) => ({ id: ids.outboxId }),
    routes: {
      'GET /outbox': { expect: anyCoordinator },
      'POST /outbox/:id/retry': { expect: managers },
    },
  },
  'reports': {
    rule: managers,
    routes: {
      'GET /reports': { expect: anyCoordinator },
      'GET /reports/cohorts/:cohortId': {},
      'GET /reports/gardens/:gardenId': {},
    },
  },
  'a company\'s strategies': {
    rule: signedIn,
    routes: {
      'GET /strategy': {},
      'POST /strategy/start': {},
      // A company with a strategy for the course is sent to its section; others choose an enrolment.
      'GET /strategy/for/:course/:section': { expect: with_(signedIn, { participant: 302, otherParticipant: 302 }) },
    },
  },
  'one strategy': {
    rule: strategyReaders,
    params: (ids) => ({ id: ids.strategyId }),
    routes: {
      'GET /strategies/:id': {},
      'GET /strategies/:id/history': {},
      'GET /strategies/:id/versions/:version': {},
      'GET /strategies/:id/print': {},
      'GET /strategies/:id/brief': {},
      'GET /strategies/:id/strategy.pdf': {},
      'GET /strategies/:id/brief.pdf': {},
      'GET /strategies/:id/maturity': {},
      'GET /strategies/:id/certificate': {},
      // Readers who may not review see the strategy page instead.
      'GET /strategies/:id/review': {},
      'GET /strategies/:id/sections/:section': { expect: companyPage },
      'GET /strategies/:id/maturity/:stage': { expect: companyPage },
      // The forms answer a refusal by showing themselves again, which only the company has.
      'POST /strategies/:id/sections/:section': { expect: companyPage },
      'POST /strategies/:id/maturity/:stage': { expect: companyPage },
      'POST /strategies/:id/certificate': { expect: companyWrites },
      'POST /strategies/:id/submit': { expect: companyWrites },
      // A valid decision, so the reviewer check (not the form) decides for readers who are not the reviewer.
      'POST /strategies/:id/review': { expect: reviewerDecides, body: () => ({ decision: 'comment', 'comment-current-situation': 'Fint.' }) },
      'POST /strategies/:id/reopen': { expect: reviewerDecides },
    },
  },
  'reviewers': {
    params: (ids) => ({ id: ids.selfPacedStrategyId }),
    routes: {
      'GET /reviews': { expect: only(['trainer', 'otherTrainer']) },
      // Every coordinator has the list, showing the self-paced strategies of their gardens' companies.
      'GET /strategy-reviewers': { expect: anyCoordinator },
      // The self-paced company is enrolled in the garden's cohort: its coordinator assigns; to another garden's it does not exist.
      'POST /strategy-reviewers/:id': { expect: with_(managers, { otherCoordinator: 404 }), body: (ids) => ({ trainerId: ids.trainerId }) },
    },
  },
};

/** The same answer for every role, e.g. a redirect. */
function map(rule: Expectations, value: Expected): Expectations {
  return Object.fromEntries(Object.keys(rule).map((role) => [role, value])) as Expectations;
}

/** A row as the test reads it: with its group's name and parameters. */
export type TableRow = Row & { expect: Expectations; group: string; groupParams?: Group['params'] };

/** Every row by its route key, with its group's parameters. */
export function rows(): Map<string, TableRow> {
  const all = new Map<string, TableRow>();
  for (const [group, { rule, params, routes }] of Object.entries(GROUPS)) {
    for (const [key, row] of Object.entries(routes)) {
      if (all.has(key)) throw new Error(`${key} has two rows`);
      const expect = row.expect ?? rule;
      if (!expect) throw new Error(`${key}: neither the row nor its group says who may use it`);
      all.set(key, { ...row, expect, group, groupParams: params });
    }
  }
  return all;
}
