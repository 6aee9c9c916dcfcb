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
    await coordinatorPage.getByRole('button', { name: 'Opprett kursrekken' }).click();
    await coordinatorPage.waitForURL(/\/cohorts\/\w+\/manage$/);
    const cohortId = coordinatorPage.url().split('/').at(-2)!;

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
});
