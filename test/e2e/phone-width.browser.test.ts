import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { User } from '../../src/accounts/user.model.js';
import { loadCourses } from '../../src/courses/content-loader.js';
import { projectPath } from '../../src/shared/paths.js';
import { Certificate } from '../../src/strategies/completion/certificate.model.js';
import { STRATEGY_SECTIONS } from '../../src/strategies/sections.js';
import { Strategy } from '../../src/strategies/strategy.model.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Garden } from '../../src/workshops/garden.model.js';
import { DEMO_PASSWORD } from '../../scripts/seed/accounts.js';
import { seedDemo } from '../../scripts/seed/demo.js';
import { browserSuite } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };

/** A phone-sized browser without JavaScript, signed in as `email` (or anonymous). */
async function phone(browser: Browser, baseUrl: string, email?: string) {
  const context = await browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  if (email) {
    await page.goto(`${baseUrl}/login`);
    await page.fill('#email', email);
    await page.fill('#password', DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
  }
  return { page, close: () => context.close() };
}

describe('browser: every page fits a phone', function () {
  this.timeout(300_000);
  const suite = browserSuite();
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  before(async () => { seeded = await seedDemo('http://127.0.0.1'); });

  /** The pages each role works with on the demo data, by who reads them. */
  async function pagesByRole(): Promise<Record<string, string[]>> {
    const running = seeded.cohorts.find((c) => c.title.includes('Frøya'))!;
    const session = await WorkshopSession.findOne({ cohortId: running.id, position: 1 }).lean();
    const trainer = await User.findOne({ email: 'kursholder@digital-afternoons.demo' }).lean();
    const taught = await Cohort.findOne({ trainerIds: trainer!._id }).lean();
    const taughtSession = taught && (await WorkshopSession.findOne({ cohortId: taught._id, position: 1 }).lean());
    const garden = await Garden.findOne({ name: 'Kysthagen Næringshage' }).lean();
    const strategy = await Strategy.findOne({ status: 'approved' }).lean();
    const certificate = await Certificate.findOne({}).lean();
    const course = '/courses/digital-strategy';
    const modules = (await loadCourses(projectPath('courses'))).get('digital-strategy', 'nb')!.modules.map((m) => `${course}/modules/${m.slug}`);
    const ingrid = await User.findOne({ email: 'ingrid@bjorkli.demo' }).lean();
    const own = await Strategy.findOne({ companyId: ingrid!.companyId }).lean();
    return {
      anonymous: ['/', '/login', '/register', '/workshops', `/workshops/${running.id}`, ...(certificate ? [`/certificates/${certificate.publicId}`] : [])],
      'ingrid@bjorkli.demo': [
        '/dashboard', course, ...modules, '/strategy', '/company', '/profile',
        ...(own ? [`/strategies/${own._id}`, ...STRATEGY_SECTIONS.map((section) => `/strategies/${own._id}/sections/${section}`), `/strategies/${own._id}/maturity`] : []),
      ],
      'koordinator.kyst@digital-afternoons.demo': ['/dashboard', `/cohorts/${running.id}/manage`, `/cohorts/${running.id}/overview`, '/reports', `/reports/cohorts/${running.id}`, '/outbox', '/gardens', `/cohorts/new?garden=${garden!._id}`,
        `/cohorts/${running.id}/sessions/${session!._id}/register`],
      'kursholder@digital-afternoons.demo': ['/dashboard', ...(taughtSession ? [`/cohorts/${taught!._id}/sessions/${taughtSession._id}/register`] : []), '/reviews', ...(strategy ? [`/strategies/${strategy._id}`, `/strategies/${strategy._id}/history`] : [])],
      'admin@digital-afternoons.demo': ['/admin/users', '/admin/mail', ...(garden ? [`/reports/gardens/${garden._id}`] : [])],
    };
  }

  it('when each role opens its pages at 390 px without JavaScript, then no page is wider than the screen', async () => {
    const tooWide: string[] = [];
    for (const [who, paths] of Object.entries(await pagesByRole())) {
      const { page, close } = await phone(suite.browser, suite.baseUrl, who === 'anonymous' ? undefined : who);
      for (const path of paths) {
        const response = await page.goto(`${suite.baseUrl}${path}`);
        expect(response?.status(), `${who} ${path}`).to.be.below(400);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE.width) tooWide.push(`${who} ${path}: ${width} px`);
      }
      await close();
    }
    expect(tooWide).to.deep.equal([]);
  });
});
