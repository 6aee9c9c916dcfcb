import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in course files is shown as text, never as markup; sanitising the output is the second lock.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// Content may only link to the web or to an email address; any other link stays as its Markdown text.
const LINK = /^(https?:\/\/|mailto:)/i;
md.validateLink = (url) => LINK.test(url.trim());

const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page's own title is the only h1.
    h1: 'h2',
    a: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
};

/**
 * Markdown rendered to HTML that holds only ordinary formatting, tables and
 * http/https/mailto links. Each table scrolls sideways in its own focusable box,
 * so a wide one never makes the page wider than a phone; the box is added after
 * sanitising, around tables that by then carry no attributes.
 */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SAFE_HTML)
    .replaceAll('<table>', '<div class="table-scroll" tabindex="0"><table>')
    .replaceAll('</table>', '</table></div>');
}

/** A problem in a module body; the loader adds the file name. */
export class ModuleBodyError extends Error {}

/** The names of the three closing sections, as their level-2 headings read in one language. */
export interface SectionHeadings { example: string; exercise: string; checklist: string }

/** A module body split into its parts, the prose already rendered. */
export interface ModuleBody {
  contentHtml: string;
  exampleHtml: string;
  exerciseHtml: string;
  checklist: string[];
}

/** Level-2 headings outside lists and quotes, with the lines they span. */
function level2Headings(source: string): Array<{ text: string; start: number; end: number }> {
  const tokens = md.parse(source, {});
  return tokens.flatMap((token, i) => (token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 && token.map
    ? [{ text: tokens[i + 1]?.content.trim() ?? '', start: token.map[0], end: token.map[1] }]
    : []));
}

/** The plain text of an inline token: formatting marks dropped, line breaks as spaces. */
function plainText(inline: Token): string {
  return (inline.children ?? [])
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type.endsWith('break') ? ' ' : ''))
    .join('')
    .trim();
}

/** The items of the checklist section, which may hold nothing but one list of `- [ ]` items. */
export function checklistItems(source: string): string[] {
  const tokens = md.parse(source, {});
  const outside = tokens.find((token) => token.level === 0 && !token.type.startsWith('bullet_list'));
  if (outside) throw new ModuleBodyError('the checklist may only hold a list of "- [ ]" items');
  const items = tokens
    .filter((token, i) => token.type === 'inline' && tokens[i - 2]?.type === 'list_item_open' && tokens[i - 2]?.level === 1)
    .map((token) => plainText(token).replace(/^\[[ xX]\]\s*/, ''))
    .filter((text) => text.length > 0);
  if (items.length === 0) throw new ModuleBodyError('the checklist has no items');
  return items;
}

/**
 * Splits a module body at its example, exercise and checklist headings (which
 * must come in that order) and renders each part once.
 */
export function splitModuleBody(source: string, headings: SectionHeadings): ModuleBody {
  const lines = source.split(/\r?\n/);
  const found = level2Headings(source);
  const marks: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (const name of [headings.example, headings.exercise, headings.checklist]) {
    const heading = found.find((h) => h.start >= from && h.text === name);
    if (!heading) throw new ModuleBodyError(`heading "## ${name}" is missing${from > 0 ? ' or out of order' : ''}`);
    marks.push(heading);
    from = heading.end;
  }
  const [example, exercise, checklist] = marks as [typeof marks[0], typeof marks[0], typeof marks[0]];
  const slice = (start: number, end?: number) => lines.slice(start, end).join('\n');
  const content = slice(0, example.start);
  if (content.trim() === '') throw new ModuleBodyError(`there is no content before "## ${headings.example}"`);
  const section = (name: string, start: number, end: number) => {
    const text = slice(start, end);
    if (text.trim() === '') throw new ModuleBodyError(`the section "## ${name}" is empty`);
    return renderMarkdown(text);
  };
  return {
    contentHtml: renderMarkdown(content),
    exampleHtml: section(headings.example, example.end, exercise.start),
    exerciseHtml: section(headings.exercise, exercise.end, checklist.start),
    checklist: checklistItems(slice(checklist.end)),
  };
}
