import { expect } from 'chai';
import { browserSuite } from '../support/browser.js';
import { orgNumber } from '../support/fixtures.js';

describe('browser: accounts', function () {
  this.timeout(60_000);
  const suite = browserSuite();

  const scenarios = [
    { lang: 'nb', register: 'Registrer', logout: 'Logg ut', login: 'Logg inn', greeting: 'Hei, ', seed: 111 },
    { lang: 'en', register: 'Register', logout: 'Log out', login: 'Log in', greeting: 'Hello, ', seed: 222 },
  ];

  for (const s of scenarios) {
    it(`when an owner registers, logs out and logs in again (${s.lang}), then the dashboard greets them`, async () => {
      const context = await suite.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${suite.baseUrl}/`);
      if (s.lang === 'en') await page.getByRole('link', { name: 'English' }).click();
      expect(await page.getAttribute('html', 'lang')).to.equal(s.lang);
      await page.goto(`${suite.baseUrl}/register`);
      const email = `eier-${s.lang}@example.no`;
      await page.fill('#name', `Eier ${s.lang}`);
      await page.fill('#email', email);
      await page.fill('#password', 'lang og trygg setning');
      await page.fill('#companyName', `Selbu Strikk ${s.lang}`);
      await page.fill('#orgNumber', orgNumber(s.seed));
      await page.fill('#municipality', 'Selbu');
      await page.selectOption('#sector', 'crafts');
      await page.fill('#employees', '2');
      await page.check('#acceptPrivacy');
      await page.getByRole('button', { name: s.register, exact: true }).click();
      await page.waitForURL(/\/dashboard$/);
      expect(await page.textContent('h1')).to.contain(`${s.greeting}Eier ${s.lang}`);

      await page.getByRole('button', { name: s.logout }).click();
      await page.waitForURL(`${suite.baseUrl}/`);
      await page.goto(`${suite.baseUrl}/login`);
      await page.fill('#email', email);
      await page.fill('#password', 'lang og trygg setning');
      await page.getByRole('button', { name: s.login, exact: true }).click();
      await page.waitForURL(/\/dashboard$/, { timeout: 10_000 });
      expect(await page.textContent('h1')).to.contain(`${s.greeting}Eier ${s.lang}`);
      expect(await page.getAttribute('html', 'lang')).to.equal(s.lang);
      await context.close();
    });
  }

  it('when the registration form has errors, then the summary takes focus and names each field', async () => {
    const context = await suite.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/register`);
    await page.fill('#name', 'Halvor');
    await page.getByRole('button', { name: 'Registrer', exact: true }).click();
    await page.waitForLoadState();
    const summary = page.locator('.error-summary');
    expect(await summary.isVisible()).to.equal(true);
    expect(await page.evaluate(() => document.activeElement?.className)).to.equal('error-summary');
    expect(await page.inputValue('#name')).to.equal('Halvor');
    expect(await page.getAttribute('#email', 'aria-describedby')).to.equal('email-error');
    await context.close();
  });
});
