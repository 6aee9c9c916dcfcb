import { expect } from 'chai';
import { User } from '../../src/accounts/user.model.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/privacy/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { orgNumber } from '../support/fixtures.js';
import { newAgent, submitForm, type Agent } from '../support/http.js';

const registration = (overrides: Record<string, string> = {}) => ({
  name: 'Kari Nordmann', email: 'kari@gardsbutikk.no', password: 'fjellet er blått i dag',
  companyName: 'Oppdal Gardsbutikk AS', orgNumber: orgNumber(4321), municipality: 'Oppdal',
  sector: 'food', employees: '4', acceptPrivacy: 'yes', ...overrides,
});

/** The href of the footer link whose text is given, read from the page a visitor gets. */
function footerLink(html: string, text: string): string {
  const footer = html.slice(html.indexOf('<footer'));
  const match = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(footer);
  expect(match, `footer link "${text}"`).to.not.equal(null);
  return match![1]!;
}

describe('privacy', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ CONTROLLER_NAME: 'Oppdal Næringshage AS', CONTACT_EMAIL: 'personvern@oppdal-nh.no' });
  });
  afterEach(async () => t.close());

  describe('notice and accessibility statement', () => {
    const languages = [
      { lang: 'nb', privacy: 'Personvern', accessibility: 'Tilgjengelighet', noticeHeading: 'Personvernerklæring', statementHeading: 'Tilgjengelighetserklæring', inForce: 'Gjelder fra 1. desember 2026' },
      { lang: 'en', privacy: 'Privacy', accessibility: 'Accessibility', noticeHeading: 'Privacy notice', statementHeading: 'Accessibility statement', inForce: 'In force from 1 December 2026' },
    ];
    for (const l of languages) {
      it(`when a visitor follows the home page's footer (${l.lang}), then both pages name the controller and where to write`, async () => {
        const agent: Agent = newAgent(t.app);
        if (l.lang === 'en') await agent.get('/lang/en').expect(302);
        const home = await agent.get('/').expect(200);
        expect(home.text).to.contain('href="mailto:personvern@oppdal-nh.no"');

        const notice = await agent.get(footerLink(home.text, l.privacy)).expect(200);
        expect(notice.text).to.contain(`<h1>${l.noticeHeading}</h1>`);
        expect(notice.text).to.contain('Oppdal Næringshage AS');
        expect(notice.text).to.contain(l.inForce);

        const statement = await agent.get(footerLink(home.text, l.accessibility)).expect(200);
        expect(statement.text).to.contain(`<h1>${l.statementHeading}</h1>`);
        expect(statement.text).to.contain('WCAG 2.1');
        expect(statement.text).to.contain('mailto:personvern@oppdal-nh.no');
      });
    }

    it('when the notice is shown, then its date is the version registration records', () => {
      expect(PRIVACY_NOTICE_VERSION).to.equal('2026-12-01');
    });
  });

  describe('consent at registration', () => {
    it('when the box is not ticked, then the form says why, keeps the values and nobody is registered', async () => {
      const { acceptPrivacy: _skipped, ...withoutConsent } = registration();
      const response = await submitForm(newAgent(t.app), '/register', withoutConsent);
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Kryss av for at du har lest personvernerklæringen');
      expect(response.text).to.contain('href="#acceptPrivacy"');
      expect(response.text).to.contain('value="Oppdal Gardsbutikk AS"');
      expect(await User.countDocuments()).to.equal(0);
    });

    it('when the box is ticked, then the account records the version of the notice and when it was accepted', async () => {
      const before = t.clock.now().getTime();
      const response = await submitForm(newAgent(t.app), '/register', registration());
      expect(response.status).to.equal(302);
      const user = await User.findOne({ email: 'kari@gardsbutikk.no' }).lean();
      expect(user?.privacyNotice?.version).to.equal(PRIVACY_NOTICE_VERSION);
      expect(user!.privacyNotice!.acceptedAt.getTime()).to.be.within(before, t.clock.now().getTime());
    });

    it('when the form comes back for another reason, then the ticked box stays ticked', async () => {
      const response = await submitForm(newAgent(t.app), '/register', registration({ employees: 'mange' }));
      expect(response.status).to.equal(400);
      expect(response.text).to.match(/id="acceptPrivacy"[^>]*checked/);
    });
  });
});
