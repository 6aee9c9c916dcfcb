import { expect } from 'chai';
import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { browserSuite, signedInPage } from '../support/browser.js';
import { PASSWORD } from '../support/fixtures.js';
import { cohortWorld, markPresent, pdfText } from '../strategies/fixtures.js';

describe('browser: strategy from first draft to certificate', function () {
  this.timeout(120_000);
  const suite = browserSuite();

  const signedIn = (email: string): Promise<Page> => signedInPage(suite.browser, suite.baseUrl, email, PASSWORD);

  it('when a participant writes and submits, the trainer asks for changes and then approves, then the company completes with a certificate and a PDF', async () => {
    const w = await cohortWorld();
    await markPresent(w.sessions, w.owner, 5, w.trainer._id);

    // The participant starts the strategy and writes two sections, one with an objective.
    const participant = await signedIn(w.owner.email);
    await participant.getByRole('link', { name: 'Bedriftens digitale strategi' }).click();
    await participant.getByRole('button', { name: 'Start strategien' }).click();
    await participant.waitForURL(/\/strategies\/[0-9a-f]{24}$/);
    const strategyUrl = participant.url();
    await participant.getByRole('link', { name: /Skriv i denne delen\s*: Nåsituasjon/ }).click();
    await participant.fill('#customers', 'Hyttefolk i helgene og turister om sommeren.');
    await participant.getByRole('button', { name: 'Lagre' }).click();
    await participant.waitForLoadState();
    expect(await participant.textContent('.flash')).to.contain('Lagret som versjon 1');
    await participant.getByRole('link', { name: 'Neste del: Mål for digital synlighet' }).click();
    await participant.fill('#listings', 'Google-profilen mangler åpningstider.');
    await participant.fill('#what-0', 'Flere anmeldelser på bedriftsprofilen');
    await participant.fill('#measure-0', 'Google-profilen');
    await participant.fill('#today-0', '12');
    await participant.fill('#target-0', '40');
    await participant.fill('#byWhen-0', '2027-06');
    await participant.getByRole('button', { name: 'Lagre' }).click();
    await participant.waitForLoadState();
    expect(await participant.textContent('.flash')).to.contain('Lagret som versjon 2');

    // Submitting with four sections empty is refused, naming them; the participant writes them.
    await participant.goto(strategyUrl);
    await participant.getByRole('button', { name: 'Send inn strategien' }).click();
    await participant.waitForLoadState();
    expect(await participant.textContent('.error-summary')).to.contain('Ikke skrevet ennå: Kanaler og innhold, Salg og netthandel, Verktøy og sikkerhet, Handlingsplan og ekstern kompetanse.');
    await participant.getByRole('link', { name: /Skriv i denne delen\s*: Kanaler og innhold/ }).click();
    for (const [field, text, next] of [
      ['#channels', 'Facebook, der kundene er.', 'Salg og netthandel'],
      ['#step', 'Forhåndsbestilling på nett.', 'Verktøy og sikkerhet'],
      ['#tools', 'Felles kalender i skyen.', 'Handlingsplan og ekstern kompetanse'],
      ['#intro', 'Flere bestillinger på nett.', undefined],
    ] as const) {
      await participant.fill(field, text);
      await participant.getByRole('button', { name: 'Lagre' }).click();
      await participant.waitForLoadState();
      if (next) await participant.getByRole('link', { name: `Neste del: ${next}` }).click();
    }
    await participant.goto(strategyUrl);
    await participant.getByRole('button', { name: 'Send inn strategien' }).click();
    await participant.waitForURL(strategyUrl);
    expect(await participant.textContent('.flash')).to.contain('Strategien er sendt inn');

    // The trainer asks for changes to one section.
    const trainer = await signedIn(w.trainer.email);
    await trainer.getByRole('link', { name: 'Strategier du gir tilbakemelding på' }).click();
    await trainer.getByRole('link', { name: 'Fjellbakeriet AS' }).click();
    await trainer.getByRole('link', { name: 'Gi tilbakemelding' }).click();
    await trainer.fill('#comment-current-situation', 'Fortell også om vinterkundene.');
    await trainer.getByRole('button', { name: 'Be om endringer' }).click();
    await trainer.waitForURL(strategyUrl);
    expect(await trainer.textContent('.status')).to.contain('Endringer ønsket');

    // The participant sees the comment beside the text, revises and submits again.
    await participant.goto(strategyUrl);
    const section = participant.locator('#section-current-situation');
    expect(await section.locator('.strategy-comments').textContent()).to.contain('Fortell også om vinterkundene.');
    await section.getByRole('link', { name: /Skriv i denne delen\s*: Nåsituasjon/ }).click();
    await participant.fill('#customers', 'Hyttefolk i helgene, turister om sommeren og skifolk om vinteren.');
    await participant.getByRole('button', { name: 'Lagre' }).click();
    await participant.waitForLoadState();
    await participant.goto(strategyUrl);
    await participant.getByRole('button', { name: 'Send inn strategien' }).click();
    await participant.waitForURL(strategyUrl);

    // The trainer approves.
    await trainer.goto(`${strategyUrl}/review`);
    await trainer.getByRole('button', { name: 'Godkjenn strategien' }).click();
    await trainer.waitForURL(strategyUrl);
    expect(await trainer.textContent('.status')).to.contain('Godkjent');

    // The coordinator's overview shows the company as completed.
    const coordinator = await signedIn(w.coordinator.email);
    await coordinator.getByRole('link', { name: 'Oversikt over kursrekker og strategier' }).click();
    await coordinator.getByRole('link', { name: 'Digital strategi høsten 2026' }).click();
    const row = coordinator.locator('tr', { has: coordinator.getByRole('rowheader', { name: 'Fjellbakeriet AS' }) });
    expect(await row.locator('.completed-cell').textContent()).to.contain('Ja');
    expect(await row.textContent()).to.contain('Godkjent').and.contain('5 av 6');

    // The certificate opens and can be verified by anyone with its link.
    await participant.goto(strategyUrl);
    await participant.getByRole('link', { name: 'Kursbevis' }).click();
    expect(await participant.textContent('.certificate')).to.contain('Fjellbakeriet AS').and.contain('Digital strategi høsten 2026');
    const verifyUrl = /http:\/\/localhost:3000(\/certificates\/[0-9a-f]{32})/.exec((await participant.textContent('.certificate'))!)![1]!;
    const visitor = await (await suite.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false })).newPage();
    await visitor.goto(`${suite.baseUrl}${verifyUrl}`);
    expect(await visitor.textContent('main')).to.contain('Kursbeviset er gyldig').and.contain('Fjellbakeriet AS');

    // The PDF download is a valid PDF holding the objective.
    await participant.goto(strategyUrl);
    const [download] = await Promise.all([participant.waitForEvent('download'), participant.getByRole('link', { name: 'Last ned som PDF' }).click()]);
    const pdf = await fs.readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).to.contain('%%EOF');
    expect(pdfText(pdf)).to.contain('Flere anmeldelser på bedriftsprofilen').and.contain('skifolk om vinteren');
  });
});
