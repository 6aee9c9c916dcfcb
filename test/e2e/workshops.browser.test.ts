import { expect } from 'chai';
import { DateTime } from 'luxon';
import { browserSuite, signedInPage } from '../support/browser.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { makeGarden } from '../workshops/fixtures.js';

describe('browser: regional workshops', function () {
  this.timeout(90_000);
  const suite = browserSuite();

  const signInAs = (email: string) => signedInPage(suite.browser, suite.baseUrl, email, PASSWORD);

  it('when a coordinator creates a cohort, a participant enrols and the trainer marks attendance, then the overview shows it', async () => {
    const coordinator = await makeAccount({ email: 'koord@example.no', roles: ['coordinator'] });
    await makeGarden({ coordinatorIds: [coordinator._id], name: 'Fjellregionen Næringshage' });
    await makeAccount({ email: 'trener@example.no', roles: ['trainer'], name: 'Trude Trener' });
    const company = await makeCompany({ name: 'Røros Gjestegård' });
    await makeAccount({ email: 'per@example.no', name: 'Per Haugen', companyId: company._id });

    // The coordinator plans a cohort starting next Monday.
    const start = DateTime.now().setZone('Europe/Oslo').startOf('week').plus({ weeks: 1 });
    const coordinatorPage = await signInAs('koord@example.no');
    await coordinatorPage.getByRole('link', { name: 'Næringshager' }).click();
    await coordinatorPage.getByRole('link', { name: 'Ny kursrekke' }).click();
    await coordinatorPage.fill('#title', 'Digital strategi – testrekke');
    await coordinatorPage.fill('#capacity', '12');
    await coordinatorPage.fill('#enrolmentDeadline', start.minus({ days: 1 }).toISODate()!);
    await coordinatorPage.fill('#startDate', start.toISODate()!);
    await coordinatorPage.getByLabel('Trude Trener').check();
    await coordinatorPage.getByRole('button', { name: 'Forhåndsvis datoene' }).click();
    await coordinatorPage.getByRole('button', { name: 'Opprett kursrekken' }).click();
    await coordinatorPage.waitForURL(/\/cohorts\/\w+\/manage$/);
    const cohortId = coordinatorPage.url().split('/').at(-2)!;
    await coordinatorPage.getByRole('button', { name: 'Publiser kursrekken' }).click();
    await coordinatorPage.waitForURL(/\/manage$/);

    // The participant finds it in the public listing and enrols the company.
    const participantPage = await signInAs('per@example.no');
    await participantPage.getByRole('link', { name: 'Samlinger' }).click();
    await participantPage.getByRole('link', { name: 'Digital strategi – testrekke' }).click();
    await participantPage.getByRole('button', { name: 'Meld på bedriften' }).click();
    await participantPage.waitForLoadState();
    expect(await participantPage.textContent('main')).to.contain('Bedriften din er påmeldt.');

    // Half an hour into the first session (attendance is not recorded before it starts), the trainer takes the register.
    const first = await WorkshopSession.findOne({ cohortId, position: 1 }).lean();
    suite.t.clock.advanceMinutes((first!.startsAt.getTime() - suite.t.clock.now().getTime()) / 60_000 + 30);
    const trainerPage = await signInAs('trener@example.no');
    await trainerPage.goto(`${suite.baseUrl}/cohorts/${cohortId}/overview`);
    await trainerPage.getByRole('link', { name: 'Samling 1' }).first().click();
    await trainerPage.getByRole('group', { name: /Per Haugen/ }).getByLabel('Til stede').check();
    await trainerPage.getByRole('button', { name: 'Lagre oppmøtet', exact: true }).click();
    await trainerPage.waitForLoadState();
    expect(await trainerPage.textContent('main')).to.contain('Oppmøtet er lagret');

    // The coordinator's overview shows the company represented at one session.
    await coordinatorPage.goto(`${suite.baseUrl}/cohorts/${cohortId}/overview`);
    const row = coordinatorPage.getByRole('row', { name: /Røros Gjestegård/ }).first();
    expect(await row.textContent()).to.contain('1 av 6');
  });
  it('when a coordinator on a phone without JavaScript changes one session\'s start time, then only that session moves and every date is kept', async () => {
    const coordinator = await makeAccount({ email: 'flytt@example.no', roles: ['coordinator'] });
    const garden = await makeGarden({ coordinatorIds: [coordinator._id], name: 'Kysthagen Næringshage' });
    const start = DateTime.now().setZone('Europe/Oslo').startOf('week').plus({ weeks: 3 });
    const page = await signInAs('flytt@example.no');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${suite.baseUrl}/cohorts/new?garden=${garden._id}`);
    await page.fill('#title', 'Digital strategi – flytting');
    await page.fill('#capacity', '12');
    await page.fill('#enrolmentDeadline', start.minus({ days: 1 }).toISODate()!);
    await page.fill('#startDate', start.toISODate()!);
    await page.getByRole('button', { name: 'Forhåndsvis datoene' }).click();
    await page.getByRole('button', { name: 'Opprett kursrekken' }).click();
    await page.waitForURL(/\/cohorts\/\w+\/manage$/);
    const cohortId = page.url().split('/').at(-2)!;
    const before = await WorkshopSession.find({ cohortId }).sort({ position: 1 }).lean();

    // Every date field shows its session's date (it was rendered blank, so saving failed).
    const dates = await page.locator('input[name="date"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(dates).to.deep.equal(before.map((s) => DateTime.fromJSDate(s.startsAt).setZone('Europe/Oslo').toISODate()));

    await page.getByLabel('Fra 3', { exact: true }).fill('17:30');
    await page.fill('#reason', 'Kollisjon med kommunestyremøte');
    await page.getByRole('button', { name: 'Lagre timeplanen' }).click();
    await page.waitForURL(/\/manage$/);
    expect(await page.textContent('main')).to.match(/1 samling(er)? er flyttet/);

    const after = await WorkshopSession.find({ cohortId }).sort({ position: 1 }).lean();
    const moved = after.filter((s, i) => s.startsAt.getTime() !== before[i]!.startsAt.getTime());
    expect(moved.map((s) => s.position)).to.deep.equal([3]);
    expect(DateTime.fromJSDate(moved[0]!.startsAt).setZone('Europe/Oslo').toFormat('yyyy-MM-dd HH:mm')).to.equal(
      `${DateTime.fromJSDate(before[2]!.startsAt).setZone('Europe/Oslo').toISODate()} 17:30`);
    expect(moved[0]!.changeReason).to.equal('Kollisjon med kommunestyremøte');
    await page.context().close();
  });
});
