import { expect } from 'chai';
import fs from 'node:fs/promises';
import { storeMaterial } from '../../src/materials/materials.service.js';
import { browserSuite, signedInPage } from '../support/browser.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { pdf } from '../materials/support/samples.js';

describe('browser: course delivery', function () {
  this.timeout(60_000);
  const suite = browserSuite();

  it('when a participant enrols, reads module 1 and marks it done, then progress shows 1/6 and the material downloads', async () => {
    const company = await makeCompany({ name: 'Frøya Kafé' });
    await makeAccount({ email: 'sunniva@example.no', name: 'Sunniva', companyId: company._id });
    const trainer = await makeAccount({ roles: ['trainer'] });
    const slides = pdf(2000);
    await storeMaterial({ title: 'Lysark modul 1', courseSlug: 'digital-strategy', moduleSlug: 'digital-opportunities', originalName: 'lysark-modul-1.pdf', bytes: slides, uploadedBy: String(trainer._id) });

    const page = await signedInPage(suite.browser, suite.baseUrl, 'sunniva@example.no', PASSWORD);
    const context = page.context();

    await page.getByRole('link', { name: 'Kurs', exact: true }).click();
    await page.waitForURL(/\/courses$/);
    await page.getByRole('link', { name: 'Digital strategi for små bedrifter' }).click();
    await page.getByRole('button', { name: 'Meld på bedriften' }).click();
    await page.waitForLoadState();
    expect(await page.textContent('main')).to.contain('0/6 moduler fullført');

    await page.getByRole('link', { name: /Digitale muligheter/ }).first().click();
    await page.waitForURL(/\/modules\/digital-opportunities$/);
    expect(await page.textContent('h1')).to.contain('Digitale muligheter');
    await page.getByRole('button', { name: 'Marker som fullført' }).click();
    await page.waitForLoadState();

    await page.goto(`${suite.baseUrl}/courses/digital-strategy`);
    expect(await page.textContent('main')).to.contain('1/6 moduler fullført');
    expect(await page.getAttribute('progress', 'value')).to.equal('1');

    await page.goto(`${suite.baseUrl}/courses/digital-strategy/modules/digital-opportunities`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lysark modul 1' }).click()]);
    expect(download.suggestedFilename()).to.equal('lysark-modul-1.pdf');
    const saved = await fs.readFile((await download.path())!);
    expect(saved.equals(slides)).to.equal(true);
    await context.close();
  });
});
