import { expect } from 'chai';
import fs from 'node:fs/promises';
import { parseCalendar } from '../calendar/support.js';
import { coordinatorCohort } from '../mail/support.js';
import { browserSuite, signedInPage } from '../support/browser.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';

describe('browser: calendar', function () {
  this.timeout(60_000);
  const suite = browserSuite();

  it('when a participant downloads the cohort and copies the feed link, then the feed serves a calendar until the link is reset', async () => {
    const { cohortId, sessions } = await coordinatorCohort(suite.t);
    const company = await makeCompany({ name: 'Selbu Strikk' });
    await makeAccount({ email: 'kari@selbu.no', name: 'Kari Strikker', companyId: company._id });
    const page = await signedInPage(suite.browser, suite.baseUrl, 'kari@selbu.no', PASSWORD);
    const context = page.context();

    await page.goto(`${suite.baseUrl}/workshops/${cohortId}`);
    await page.getByRole('button', { name: 'Meld på bedriften' }).click();
    await page.waitForURL(new RegExp(`/workshops/${cohortId}$`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Legg alle samlingene i kalenderen (.ics)' }).click()]);
    expect(download.suggestedFilename()).to.equal('digital-strategi-varen-2027.ics');
    const downloaded = parseCalendar(await fs.readFile((await download.path())!, 'utf8'));
    expect(downloaded.method).to.equal('PUBLISH');
    expect(downloaded.events.map((e) => e.uid)).to.deep.equal(sessions.map((s) => `session-${s._id}@localhost`));

    await page.getByRole('link', { name: /Abonner på din egen kalender/ }).click();
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('button', { name: 'Lag kalenderlenke' }).click();
    await page.waitForURL(/\/dashboard/);
    const copied = await page.inputValue('#feed-person');
    expect(copied).to.match(/^http:\/\/localhost:3000\/feeds\/[\w-]+\.ics$/);
    expect(await page.getAttribute('a.feed-webcal', 'href')).to.equal(copied.replace('http://', 'webcal://'));
    const feedPath = new URL(copied).pathname;
    const feed = await context.request.get(`${suite.baseUrl}${feedPath}`);
    expect(feed.status()).to.equal(200);
    expect(feed.headers()['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(parseCalendar(await feed.text()).events).to.have.length(6);

    await page.getByRole('button', { name: /Lag ny lenke/ }).click();
    await page.waitForURL(/\/dashboard/);
    expect(await page.inputValue('#feed-person')).to.not.equal(copied);
    expect((await context.request.get(`${suite.baseUrl}${feedPath}`)).status()).to.equal(404);
    await context.close();
  });
});
