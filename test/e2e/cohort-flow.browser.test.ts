import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { DomainEvents } from '../../src/shared/events.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { createEnrolmentService } from '../../src/workshops/enrolment.service.js';
import { browserSuite } from '../support/browser.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { makeGarden } from '../workshops/fixtures.js';

const PHONE = { width: 390, height: 844 };
// Set SCREENSHOT_DIR to keep a picture of each step (for reviewing the layout); nothing is written otherwise.
const shots = process.env.SCREENSHOT_DIR;

describe('browser: the coordinator\'s cohort flow on a phone', function () {
  this.timeout(120_000);
  const suite = browserSuite();
  const tooWide: string[] = [];

  /** Notes a page wider than the phone, and keeps a screenshot when asked to. */
  async function look(page: Page, name: string) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE.width) tooWide.push(`${name} (${new URL(page.url()).pathname}): ${width} px`);
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  }

  it('when a coordinator previews, creates, publishes, reads the roster and moves one session without JavaScript, then every page fits 390 px', async () => {
    if (shots) await mkdir(shots, { recursive: true });
    const coordinator = await makeAccount({ email: 'koord@example.no', roles: ['coordinator'] });
    const garden = await makeGarden({ coordinatorIds: [coordinator._id], name: 'Fjellregionen Næringshage' });
    await makeAccount({ email: 'trener@example.no', roles: ['trainer'], name: 'Trude Trener' });
    const context = await suite.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/login`);
    await page.fill('#email', 'koord@example.no');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await page.waitForURL(/\/dashboard$/);

    // The form proposes the dates first; Maundy Thursday 2027 is skipped and named.
    await page.goto(`${suite.baseUrl}/cohorts/new?garden=${garden._id}`);
    await look(page, '01-new-cohort');
    await page.fill('#title', 'Digital strategi – våren 2027');
    await page.fill('#capacity', '12');
    await page.fill('#enrolmentDeadline', '2027-03-01');
    await page.fill('#startDate', '2027-03-11');
    await page.getByLabel('Trude Trener').check();
    await page.getByRole('button', { name: 'Forhåndsvis datoene' }).click();
    const preview = await page.textContent('main');
    expect(preview).to.contain('25. mars 2027 (Skjærtorsdag)').and.contain('torsdag 22. april 2027');
    expect(await page.getByLabel('Trude Trener').isChecked()).to.equal(true);
    await look(page, '02-preview');
    expect(await Cohort.countDocuments()).to.equal(0);

    // Created as a draft, then published from the manage page.
    await page.getByRole('button', { name: 'Opprett kursrekken' }).click();
    await page.waitForURL(/\/cohorts\/\w+\/manage$/);
    const cohortId = page.url().split('/').at(-2)!;
    expect(await page.textContent('main')).to.contain('Utkast – ikke publisert');
    await look(page, '03-draft');
    await page.getByRole('button', { name: 'Publiser kursrekken' }).click();
    await page.waitForURL(/\/manage$/);
    expect(await page.textContent('main')).to.contain('Kursrekken er publisert.');

    // Twelve companies enrol; the roster is one row each.
    const enrolment = createEnrolmentService({ events: new DomainEvents(), now: () => new Date() });
    for (let i = 1; i <= 12; i += 1) {
      const company = await makeCompany({ name: `Gårdsbutikken nr. ${i}` });
      const owner = await makeAccount({ email: `eier${i}@example.no`, name: `Eier ${i}`, companyId: company._id });
      await company.updateOne({ contactName: `Eier ${i}`, contactEmail: `eier${i}@example.no` });
      await enrolment.enrolCompany({ cohortId, companyId: company._id, participantIds: [owner._id], asCoordinator: true });
    }
    await page.reload();
    expect(await page.locator('ul.roster > li').count()).to.equal(12);
    await look(page, '04-roster');

    // Moving one session is one changed field (and a reason).
    const before = await WorkshopSession.find({ cohortId }).sort({ position: 1 }).lean();
    await page.getByLabel('Fra 3', { exact: true }).fill('17:30');
    await page.fill('#reason', 'Kollisjon med kommunestyremøte');
    await page.getByRole('button', { name: 'Lagre timeplanen' }).click();
    await page.waitForURL(/\/manage$/);
    expect(await page.textContent('main')).to.match(/1 samling er flyttet/);
    const after = await WorkshopSession.find({ cohortId }).sort({ position: 1 }).lean();
    expect(after.filter((s, i) => s.startsAt.getTime() !== before[i]!.startsAt.getTime()).map((s) => s.position)).to.deep.equal([3]);
    expect(DateTime.fromJSDate(after[2]!.startsAt).setZone('Europe/Oslo').toFormat('HH:mm')).to.equal('17:30');
    await look(page, '05-moved');

    // A company's own page holds its actions.
    await page.getByRole('link', { name: 'Gårdsbutikken nr. 12' }).click();
    await page.waitForURL(/\/companies\/\w+$/);
    expect(await page.getByRole('button', { name: 'Meld av' }).count()).to.equal(1);
    await look(page, '06-company');
    await page.goto(`${suite.baseUrl}/cohorts/${cohortId}/terms`);
    await look(page, '07-terms');
    await page.goto(`${suite.baseUrl}/workshops`);
    expect(await page.textContent('main')).to.contain('Digital strategi – våren 2027');
    await look(page, '08-listing');
    await context.close();

    expect(tooWide).to.deep.equal([]);
  });
});
