import { expect } from 'chai';
import type { Types } from 'mongoose';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { User } from '../../src/accounts/user.model.js';
import { checkIn, ensureCheckInCode } from '../../src/attendance/check-in.service.js';
import { rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import { MaturityAssessment } from '../../src/strategies/maturity/assessment.model.js';
import { Strategy } from '../../src/strategies/strategy.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeCommands, padWithOrphans, recordCommands, scansAmong, type RecordedCommand } from '../support/command-budget.js';
import { newAgent, type Agent } from '../support/http.js';
import { padDatabase } from '../support/padding.js';
import { agentFor, cohortWorld, enrolledCompany, markPresent } from '../strategies/fixtures.js';

/** Commands a page may differ by between two data sets (e.g. a session touched on one view and not the other). */
const SLACK = 2;

type World = Awaited<ReturnType<typeof cohortWorld>>;

/** The pages this budget covers, for one cohort. */
const pagesOf = (w: World) => ({
  overview: `/cohorts/${w.cohort._id}/overview`,
  register: `/cohorts/${w.cohort._id}/sessions/${w.sessions[2]!._id}/register`,
  cohortReport: `/reports/cohorts/${w.cohort._id}`,
  gardenReport: `/reports/gardens/${w.garden._id}`,
});
type Page = keyof ReturnType<typeof pagesOf>;

/** A company enrolled in the cohort with marks at the first sessions and a strategy with T0 and T1 scores. */
async function addCompany(w: World, n: number) {
  const { company, owner } = await enrolledCompany(w.cohort._id, { name: `Bedrift ${String(n).padStart(2, '0')} AS` });
  await markPresent(w.sessions, owner, 1 + (n % 6), w.trainer._id);
  await strategyWithScores(w.cohort._id, company._id);
}

async function strategyWithScores(cohortId: Types.ObjectId, companyId: Types.ObjectId) {
  const strategy = await Strategy.create({ companyId, cohortId, enrolmentKey: `cohort:${cohortId}`, courseSlug: 'digital-strategy', status: 'submitted' });
  await MaturityAssessment.insertMany((['T0', 'T1'] as const).map((stage, i) => ({
    strategyId: strategy._id, companyId, stage, answers: {}, dimensions: {}, overall: 40 + i * 10, band: 'average', by: companyId, at: new Date(),
  })));
}

/**
 * The commands one view of each page sends, after two views: the first may
 * store the session's check-in code, a change of the cohort, and the second
 * then rebuilds what later views read. Each page must answer 200.
 */
async function measure(agent: Agent, w: World): Promise<Record<Page, RecordedCommand[]>> {
  const measured = {} as Record<Page, RecordedCommand[]>;
  for (const [page, path] of Object.entries(pagesOf(w)) as Array<[Page, string]>) {
    await agent.get(path).expect(200);
    await agent.get(path).expect(200);
    measured[page] = (await recordCommands(() => agent.get(path).expect(200))).commands;
  }
  return measured;
}

function assertNoScans(measured: Record<Page, RecordedCommand[]>) {
  for (const [page, commands] of Object.entries(measured)) {
    expect(describeCommands(scansAmong(commands)), `${page} scans a collection`).to.equal('');
  }
}

function assertSameCounts(before: Record<Page, RecordedCommand[]>, after: Record<Page, RecordedCommand[]>, what: string) {
  for (const page of Object.keys(before) as Page[]) {
    const table = `before:\n${describeCommands(before[page])}\nafter:\n${describeCommands(after[page])}`;
    expect(Math.abs(after[page].length - before[page].length), `${page}, ${what}:\n${table}`).to.be.at.most(SLACK);
  }
}

/** Before/after hooks for a budget test's app; call inside describe(). */
function budgetApp(): { readonly t: TestApp } {
  const state = {} as { t: TestApp };
  beforeEach(async () => {
    state.t = await startTestApp();
    // The outbox worker polls on its own clock; its commands are not the page's.
    await state.t.mail.stop();
  });
  afterEach(async () => state.t.close());
  return state;
}

describe('command budget of the attendance and report pages', function () {
  this.timeout(180_000);
  const app = budgetApp();

  it('when the database holds 10x more unrelated data or the cohort 5x more companies, then each page sends the same commands, none of them a collection scan', async () => {
    const w = await cohortWorld();
    for (let n = 1; n < 5; n += 1) await addCompany(w, n);
    await strategyWithScores(w.cohort._id, w.company._id);
    await padDatabase(1);
    const coordinator = await agentFor(app.t.app, w.coordinator);

    const small = await measure(coordinator, w);
    assertNoScans(small);
    for (let n = 5; n < 25; n += 1) await addCompany(w, n);
    const larger = await measure(coordinator, w);
    assertNoScans(larger);
    assertSameCounts(small, larger, '5 vs 25 companies');
    await padDatabase(9);
    const padded = await measure(coordinator, w);
    assertNoScans(padded);
    assertSameCounts(larger, padded, '1x vs 10x unrelated data');
  });
});

describe('command budget of a feed address and a check-in code', function () {
  this.timeout(180_000);
  const app = budgetApp();

  it('when the database holds 10x more unrelated data, then the feed and a check-in send the same point lookups and nothing else', async () => {
    const w = await cohortWorld();
    const feed = await rotateFeedToken(w.owner._id);
    const session = w.sessions[0]!;
    const code = await ensureCheckInCode(session._id);
    const owner = toAccountView(await User.findById(w.owner._id).orFail().lean());
    const during = new Date(session.startsAt.getTime() + 60_000);
    // A first feed and check-in build the caches and store the mark that later ones read.
    await newAgent(app.t.app).get(feed).expect(200);
    await checkIn(owner, code, during);
    // The person's enrolments and the cohorts' sessions (feed) and the person's enrolment (check-in) come from caches
    // proven fresh by point lookups, and the person's mark is read by its derived _id.
    const measure = async () => ({
      feed: (await recordCommands(() => newAgent(app.t.app).get(feed).expect(200))).commands,
      checkIn: (await recordCommands(() => checkIn(owner, code, during))).commands,
    });

    const small = await measure();
    // Once only: a second run would give copies of string _ids names the first already gave.
    await padWithOrphans(9);
    const padded = await measure();
    for (const what of ['feed', 'checkIn'] as const) {
      for (const measured of [small, padded]) expect(describeCommands(scansAmong(measured[what])), `${what} scans a collection`).to.equal('');
      expect(padded[what].length, `${what}, 1x vs 10x unrelated data:\n${describeCommands(padded[what])}`).to.equal(small[what].length);
    }
  });
});
