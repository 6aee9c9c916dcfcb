import { expect } from 'chai';
import { loadCourses } from '../../src/courses/content-loader.js';
import { CourseContentError } from '../../src/courses/content-schemas.js';
import { renderMarkdown } from '../../src/courses/markdown.js';
import { manifestFile, moduleFile, removeWrittenCourses, validCourse, writeCourses, type CourseFiles } from './course-folders.js';

/** The error loadCourses throws for the folder, or a failure when it loads. */
async function loadError(files: CourseFiles): Promise<Error> {
  try {
    await loadCourses(await writeCourses(files));
  } catch (error) {
    return error as Error;
  }
  throw new Error('the course folder loaded although it has a defect');
}

const ELEMENT_WITH_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=/i;

describe('courses', () => {
  after(removeWrittenCourses);

  describe('load course content', () => {
    it('when the folder is valid, then every module is served in order with its parts split', async () => {
      const catalogue = await loadCourses(await writeCourses(validCourse()));
      const module = catalogue.module('x', 'a', 'en')!;
      expect(catalogue.moduleSlugs('x')).to.deep.equal(['a', 'b']);
      expect(module.title).to.equal('Title a');
      expect(module.contentHtml).to.contain('Body text for a.').and.not.contain('Example of a');
      expect(module.exampleHtml).to.contain('Example of a.').and.not.contain('Exercise for a');
      expect(module.exerciseHtml).to.contain('Exercise for a.');
      expect(module.checklist).to.deep.equal(['First item of a', 'Second item']);
      expect(module.next?.slug).to.equal('b');
    });

    it('when a front matter field is missing, then the error names the file and the field', async () => {
      const files = { ...validCourse(), 'x/modules/01-a.en.md': moduleFile('a', 'en', { frontMatter: { objectives: undefined } }) };
      const error = await loadError(files);
      expect(error).to.be.instanceOf(CourseContentError);
      expect(error.message).to.equal('courses/x/modules/01-a.en.md: front matter field "objectives" is missing');
    });

    it('when course.json lists a module that has no file, then the error names course.json and the reference', async () => {
      const error = await loadError({ ...validCourse(), 'x/course.json': manifestFile('x', ['a', 'b', 'ghost']) });
      expect(error.message).to.contain('courses/x/course.json').and.contain('field "modules[2]"').and.contain('"ghost"');
    });

    it('when the front matter is not valid YAML, then the error names the file and says so', async () => {
      const broken = moduleFile('b', 'nb').replace('title: "Tittel b"', 'title: "Tittel b\n  objectives: [');
      const error = await loadError({ ...validCourse(), 'x/modules/02-b.nb.md': broken });
      expect(error.message).to.match(/^courses\/x\/modules\/02-b\.nb\.md: front matter is not valid YAML/);
    });

    const defects: Array<[string, CourseFiles, string]> = [
      ['a field has the wrong type', { 'x/modules/01-a.nb.md': moduleFile('a', 'nb', { frontMatter: { minutes: '"many"' } }) },
        'courses/x/modules/01-a.nb.md: front matter field "minutes" must be a number'],
      ['the strategy section is unknown', { 'x/modules/01-a.nb.md': moduleFile('a', 'nb', { frontMatter: { strategySection: 'marketing' } }) },
        'courses/x/modules/01-a.nb.md: front matter field "strategySection" must be one of'],
      ['the slug differs from the file name', { 'x/modules/01-a.nb.md': moduleFile('a', 'nb', { frontMatter: { slug: 'b' } }) },
        'courses/x/modules/01-a.nb.md: front matter field "slug" is "b" but the file name says "a"'],
      ['an unknown field is present', { 'x/modules/01-a.nb.md': moduleFile('a', 'nb', { frontMatter: { author: 'Kari' } }) },
        'courses/x/modules/01-a.nb.md: front matter field "author" is not allowed'],
      ['the exercise heading is missing', { 'x/modules/02-b.en.md': moduleFile('b', 'en').replace('## Exercise', '## Task') },
        'courses/x/modules/02-b.en.md: heading "## Exercise" is missing'],
      ['the checklist has no items', { 'x/modules/02-b.en.md': moduleFile('b', 'en').replace(/- \[ \].*\n/g, '') },
        'courses/x/modules/02-b.en.md: the checklist has no items'],
      ['a translation is missing', { 'x/modules/02-b.en.md': '' },
        'courses/x/course.json: field "modules[1]" refers to module "b", but there is no file modules/NN-b.en.md'],
      ['a course text lacks a listed language', { 'x/course.json': JSON.stringify({ ...JSON.parse(manifestFile('x', ['a', 'b'])), outcome: { nb: 'Utbytte.' } }) },
        'courses/x/course.json: field "outcome.en" is missing'],
      ['a module file is not in the manifest', { 'x/modules/03-c.nb.md': moduleFile('c', 'nb') },
        'courses/x/modules/03-c.nb.md: module "c" is not listed'],
      ['course.json is not JSON', { 'x/course.json': '{ "slug": "x", ' }, 'courses/x/course.json: not valid JSON'],
      ['translations disagree on minutes', { 'x/modules/01-a.nb.md': moduleFile('a', 'nb', { frontMatter: { minutes: '45' } }) },
        'front matter field "minutes" is "45" but courses/x/modules/01-a.en.md says "30"'],
    ];
    for (const [defect, change, message] of defects) {
      it(`when ${defect}, then loading fails with "${message}"`, async () => {
        const files: CourseFiles = { ...validCourse(), ...change };
        for (const [file, content] of Object.entries(change)) if (content === '') delete files[file];
        expect((await loadError(files)).message).to.contain(message);
      });
    }
  });

  describe('render Markdown', () => {
    it('when Markdown holds a script, an event handler and a javascript: link, then the HTML is inert', () => {
      const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))');
      expect(html).not.to.contain('<script');
      expect(html).not.to.contain('<img');
      expect(html).not.to.match(ELEMENT_WITH_HANDLER);
      expect(html).not.to.match(/href="\s*javascript:/i);
      expect(html).not.to.contain('<a ');
      expect(html).to.contain('&lt;script&gt;');
    });

    it('when a module file holds dangerous Markdown, then the loaded module is inert too', async () => {
      const body = moduleFile('a', 'en').replace('Body text for a.', '<script>alert(1)</script> <b onmouseover=alert(1)>x</b> [x](javascript:alert(1))');
      const catalogue = await loadCourses(await writeCourses({ ...validCourse(), 'x/modules/01-a.en.md': body }));
      const html = catalogue.module('x', 'a', 'en')!.contentHtml;
      expect(html).not.to.contain('<script').and.not.contain('<b ');
      expect(html).not.to.match(ELEMENT_WITH_HANDLER);
      expect(html).not.to.match(/href="\s*javascript:/i);
    });

    it('when Markdown has ordinary formatting, tables and web links, then they are kept', () => {
      const html = renderMarkdown('**bold** and [site](https://example.no) and [mail](mailto:a@b.no)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
      expect(html).to.contain('<strong>bold</strong>');
      expect(html).to.contain('<a href="https://example.no" rel="noopener noreferrer">site</a>');
      expect(html).to.contain('<a href="mailto:a@b.no"');
      expect(html).to.contain('<table>').and.contain('<td>1</td>');
    });
  });
});
