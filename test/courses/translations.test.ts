import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { signIn, type Agent } from '../support/http.js';
import { manifestFile, moduleFile, removeWrittenCourses, writeCourses } from './course-folders.js';

const NOTE_EN = 'This module is not available in English yet, so you are reading the Norwegian version.';

describe('courses', () => {
  let t: TestApp;
  let reader: (language: 'nb' | 'en') => Promise<Agent>;
  before(async () => {
    // A Norwegian course whose module "a" has been translated and module "b" has not.
    const dir = await writeCourses({
      'x/course.json': manifestFile('x', ['a', 'b'], ['nb']),
      'x/modules/01-a.nb.md': moduleFile('a', 'nb'),
      'x/modules/01-a.en.md': moduleFile('a', 'en'),
      'x/modules/02-b.nb.md': moduleFile('b', 'nb'),
    });
    t = await startTestApp({}, { coursesDir: dir });
    reader = async (language) => {
      const trainer = await makeAccount({ roles: ['trainer'], language });
      return signIn(t.app, trainer.email, PASSWORD);
    };
  });
  after(async () => {
    await t.close();
    await removeWrittenCourses();
  });

  describe('read a module in the reader\'s language', () => {
    it('when an English reader opens a module without an English text, then the Norwegian text is shown with a note', async () => {
      const page = await (await reader('en')).get('/courses/x/modules/b').expect(200);
      expect(page.text).to.contain(NOTE_EN);
      expect(page.text).to.contain('<h1 lang="nb">Tittel b</h1>');
      expect(page.text).to.contain('Brødtekst for b.');
      expect(page.text).to.contain('<h2 id="example-heading">Worked example</h2>');
    });

    it('when an English reader opens a translated module, then it is in English without a note', async () => {
      const page = await (await reader('en')).get('/courses/x/modules/a').expect(200);
      expect(page.text).to.contain('<h1 lang="en">Title a</h1>');
      expect(page.text).not.to.contain(NOTE_EN);
    });

    it('when a Norwegian reader opens the untranslated module, then there is no note', async () => {
      const page = await (await reader('nb')).get('/courses/x/modules/b').expect(200);
      expect(page.text).to.contain('<h1 lang="nb">Tittel b</h1>');
      expect(page.text).not.to.contain('Denne modulen finnes ikke på norsk ennå');
    });

    it('when an English reader opens a course with Norwegian texts only, then the course page marks them as Norwegian', async () => {
      const page = await (await reader('en')).get('/courses/x').expect(200);
      expect(page.text).to.contain('<h1 lang="nb">Kurs x</h1>');
      expect(page.text).to.contain('What you leave with');
      expect(page.text).to.contain('>Title a</a>');
    });
  });
});
