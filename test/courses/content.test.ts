import { expect } from 'chai';
import Handlebars from 'handlebars';
import path from 'node:path';
import { loadCourses } from '../../src/courses/content-loader.js';
import type { CourseCatalogue } from '../../src/courses/catalogue.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { signIn } from '../support/http.js';

const COURSE = 'digital-strategy';
const LANGUAGES = ['nb', 'en'] as const;
const escape = (text: string) => Handlebars.Utils.escapeExpression(text);
const HEADINGS = { nb: ['Eksempel', 'Oppgave', 'Sjekkliste'], en: ['Worked example', 'Exercise', 'Checklist'] };

/** Words a reader sees: tags dropped, entities counted as separators. */
function wordCount(html: string): number {
  return html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

describe('courses', () => {
  describe('course content', () => {
    let catalogue: CourseCatalogue;
    before(async () => { catalogue = await loadCourses(path.resolve('courses')); });

    it('when the real courses folder is loaded, then the digital strategy course has six modules', () => {
      expect(catalogue.moduleSlugs(COURSE)).to.have.length(6);
    });

    for (const language of LANGUAGES) {
      it(`when each module is read in "${language}", then it exists in that language with 700+ words, objectives, an exercise and a checklist`, () => {
        for (const slug of catalogue.moduleSlugs(COURSE)) {
          const module = catalogue.module(COURSE, slug, language)!;
          expect(module.fallback, `${slug}.${language} is a translation`).to.equal(false);
          const words = wordCount(module.contentHtml + module.exampleHtml + module.exerciseHtml) + wordCount(module.checklist.join(' '));
          expect(words, `words in ${slug}.${language}`).to.be.at.least(700);
          expect(module.objectives, `objectives of ${slug}.${language}`).to.have.length.above(0);
          expect(wordCount(module.exerciseHtml), `exercise of ${slug}.${language}`).to.be.at.least(20);
          expect(module.checklist, `checklist of ${slug}.${language}`).to.have.length.above(0);
        }
      });
    }
  });

  describe('read a module', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(); });
    after(async () => t.close());

    for (const language of LANGUAGES) {
      it(`when a trainer reads every module in "${language}", then each page shows its title, objectives and the three sections`, async () => {
        const trainer = await makeAccount({ roles: ['trainer'], language });
        const agent = await signIn(t.app, trainer.email, PASSWORD);
        for (const slug of t.courses.moduleSlugs(COURSE)) {
          const module = t.courses.module(COURSE, slug, language)!;
          const page = await agent.get(`/courses/${COURSE}/modules/${slug}`).expect(200);
          expect(page.text).to.contain(`<h1 lang="${language}">${escape(module.title)}</h1>`);
          expect(page.text).to.contain(`<html lang="${language}">`);
          for (const heading of HEADINGS[language]) expect(page.text, `${slug}: ${heading}`).to.match(new RegExp(`<h2 id="[a-z]+-heading">${heading}</h2>`));
          expect(page.text).to.contain(`<li>${escape(module.objectives[0]!)}</li>`);
          expect(page.text).to.contain(module.contentHtml.slice(0, 200));
        }
      });
    }
  });
});
