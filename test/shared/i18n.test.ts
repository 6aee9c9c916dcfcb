import { expect } from 'chai';
import { formatDateTime } from '../../src/shared/i18n/format.js';
import { catalogueKeys, chooseLanguage, translate } from '../../src/shared/i18n/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { newAgent } from '../support/http.js';

describe('i18n', () => {
  describe('catalogues', () => {
    it('when a key exists in Norwegian, then it exists in English too, and the reverse', () => {
      expect(catalogueKeys('en')).to.deep.equal(catalogueKeys('nb'));
    });

    it('when a text has placeholders, then they are filled', () => {
      expect(translate('en', 'dashboard.heading', { name: 'Kari' })).to.equal('Hello, Kari');
    });
  });

  describe('plurals', () => {
    it('when a count is one or more, then the text agrees with it in both languages', () => {
      expect(translate('nb', 'workshops.manage.rescheduled', { count: 1 })).to.equal('1 samling er flyttet.');
      expect(translate('nb', 'workshops.manage.rescheduled', { count: 3 })).to.equal('3 samlinger er flyttet.');
      expect(translate('en', 'workshops.manage.rescheduled', { count: 1 })).to.equal('1 workshop has been moved.');
      expect(translate('en', 'workshops.manage.rescheduled', { count: 0 })).to.equal('0 workshops have been moved.');
      expect(translate('nb', 'workshops.cohort.perCompany', { count: 1 })).to.equal('Én person per bedrift.');
      expect(translate('nb', 'workshops.cohort.perCompany', { count: 2 })).to.equal('Inntil 2 personer per bedrift.');
    });

    it('when nothing is done yet, then the course asks to begin rather than to continue', () => {
      expect(translate('nb', 'courses.course.continue', { done: 0, title: 'Digitale muligheter' })).to.equal('Begynn med første modul: Digitale muligheter');
      expect(translate('nb', 'courses.course.continue', { done: 2, title: 'Sosiale medier' })).to.equal('Fortsett der du slapp: Sosiale medier');
      expect(translate('en', 'courses.dashboard.continue', { done: 0, title: 'Opportunities' })).to.equal('Start: Opportunities');
    });
  });

  describe('dates', () => {
    it('when a date is shown, then Norwegian has the day\'s dot and English does not, both in Norwegian time', () => {
      const moment = new Date('2027-02-04T15:00:00Z');
      expect(formatDateTime(moment, 'nb', 'cccc d. MMMM yyyy HH:mm')).to.equal('torsdag 4. februar 2027 16:00');
      expect(formatDateTime(moment, 'en', 'cccc d. MMMM yyyy HH:mm')).to.equal('Thursday 4 February 2027 16:00');
    });
  });

  describe('chooseLanguage', () => {
    it('when nothing is known, then Norwegian', () => expect(chooseLanguage(undefined, undefined)).to.equal('nb'));
    it('when the browser prefers English, then English', () => expect(chooseLanguage(undefined, 'en-GB,en;q=0.9,nb;q=0.5')).to.equal('en'));
    it('when the browser prefers Nynorsk or Norwegian, then bokmål', () => expect(chooseLanguage(undefined, 'nn-NO,en;q=0.5')).to.equal('nb'));
    it('when the user chose a language, then it wins over the browser', () => expect(chooseLanguage('nb', 'en')).to.equal('nb'));
  });

  describe('language switch', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(); });
    after(async () => t.close());

    it('when a visitor follows the English link, then pages are English and stay so', async () => {
      const agent = newAgent(t.app);
      expect((await agent.get('/').expect(200)).text).to.contain('<html lang="nb">');
      const response = await agent.get('/lang/en?next=/login').expect(302);
      expect(response.headers.location).to.equal('/login');
      const page = await agent.get('/login').expect(200);
      expect(page.text).to.contain('<html lang="en">');
      expect(page.text).to.contain('Forgot your password?');
    });

    it('when the switch is given a foreign "next", then it stays on the site', async () => {
      const response = await newAgent(t.app).get('/lang/en?next=https://evil.example').expect(302);
      expect(response.headers.location).to.equal('/');
    });

    it('when an unknown page is asked for, then a 404 page in the reader’s language', async () => {
      const response = await newAgent(t.app).get('/no-such-page').set('Accept-Language', 'en').expect(404);
      expect(response.text).to.contain('Page not found');
    });
  });
});
