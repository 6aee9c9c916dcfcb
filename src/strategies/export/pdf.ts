import PDFDocument from 'pdfkit';
import type { ShownTable, ShownText } from './document.js';

/** A part of the PDF: a heading, labelled texts, an optional table and a note when there is nothing. */
export interface PdfBlock {
  heading: string;
  level: 1 | 2;
  items: ShownText[];
  table?: ShownTable;
  note?: string;
}

export interface PdfInput {
  title: string;
  /** Lines under the title: company, course, version. */
  lines: string[];
  blocks: PdfBlock[];
  footer: string;
}

// Characters outside Latin-1 that WinAnsi (the encoding of pdfkit's standard fonts) still has: € – — ‘ ’ “ ” • … and a few more.
const WIN_ANSI_EXTRA = new Set([402, 710, 732, 338, 339, 352, 353, 376, 381, 382, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8240, 8249, 8250, 8364, 8482]);
const LOOK_ALIKES: Record<string, string> = { '\u2009': ' ', '\u202f': ' ', '\u2007': ' ', '\u2212': '-', '\u2192': '->', '\u2190': '<-', '\t': ' ' };

/**
 * Makes text safe for Helvetica's WinAnsi encoding: æ ø å and the rest of
 * Latin-1 pass through, thin spaces and a few symbols get look-alikes, and
 * anything else becomes "?" rather than a wrong glyph.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) out += char;
    else out += LOOK_ALIKES[char] ?? '?';
  }
  return out;
}

type Doc = PDFKit.PDFDocument;

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** A simple ruled table; the first column is twice as wide, rows move to the next page whole. */
function drawTable(doc: Doc, table: ShownTable): void {
  const left = doc.page.margins.left;
  const weights = table.headers.map((_, i) => (i === 0 ? 2 : 1));
  const unit = contentWidth(doc) / weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => w * unit);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(winAnsi(c) || ' ', { width: widths[i]! - 6 }))) + 8;
    if (doc.y + height > bottom(doc)) doc.addPage();
    const y = doc.y;
    cells.forEach((c, i) => doc.text(winAnsi(c), xs[i]! + 3, y + 4, { width: widths[i]! - 6 }));
    doc.moveTo(left, y + height).lineTo(left + contentWidth(doc), y + height).lineWidth(0.5).strokeColor('#8c979f').stroke();
    doc.x = left;
    doc.y = y + height;
  };
  doc.font('Helvetica-Bold').fontSize(11).text(winAnsi(table.caption));
  doc.moveDown(0.2);
  row(table.headers, true);
  for (const cells of table.rows) row(cells, false);
  if (table.total) row([table.total, ...table.headers.slice(1).map(() => '')], true);
  doc.moveDown(0.6);
}

function drawBlock(doc: Doc, block: PdfBlock): void {
  if (doc.y + 80 > bottom(doc)) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(block.level === 1 ? 15 : 13).fillColor('#1f6f5c').text(winAnsi(block.heading));
  doc.fillColor('#1d2a33').moveDown(0.3);
  for (const item of block.items) {
    doc.font('Helvetica-Bold').fontSize(10.5).text(winAnsi(item.label));
    doc.font('Helvetica').fontSize(10.5).text(winAnsi(item.text), { paragraphGap: 4 });
    doc.moveDown(0.4);
  }
  if (block.table) drawTable(doc, block.table);
  if (block.note) doc.font('Helvetica-Oblique').fontSize(10.5).text(winAnsi(block.note)).moveDown(0.4);
  doc.moveDown(0.5);
}

/**
 * Renders a strategy or a supplier brief as an A4 PDF in the standard Helvetica
 * (no font files to embed or download). `compress: false` keeps the text
 * streams readable, which the tests use to find the company's objectives.
 */
export function renderPdf(input: PdfInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, compress: options.compress ?? true, info: { Title: winAnsi(input.title), Author: 'Digital Afternoons' } });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#1d2a33').text(winAnsi(input.title));
  doc.moveDown(0.3);
  for (const line of input.lines) doc.font('Helvetica').fontSize(11).text(winAnsi(line));
  doc.moveDown(1);
  for (const block of input.blocks) drawBlock(doc, block);
  doc.moveDown(1).font('Helvetica-Oblique').fontSize(9).fillColor('#52606b').text(winAnsi(input.footer));
  doc.end();
  return finished;
}
