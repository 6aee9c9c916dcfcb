import PDFDocument from 'pdfkit';
import { Material } from '../../src/materials/material.model.js';
import { storeMaterial } from '../../src/materials/materials.service.js';
import type { CoursesService } from '../../src/courses/courses.service.js';
import { User } from '../../src/accounts/user.model.js';
import { progress } from '../progress.js';
import { DEMO_COMPANIES } from './accounts.js';

const COURSE = 'digital-strategy';

/** A small real PDF handout, so downloads in the demo open in any viewer. */
function handout(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.font('Helvetica-Bold').fontSize(18).text(title).moveDown();
    doc.font('Helvetica').fontSize(12);
    for (const line of lines) doc.text(`• ${line}`).moveDown(0.3);
    doc.end();
  });
}

const HANDOUTS = [
  { module: 'digital-opportunities', title: 'Arbeidsark: Hvor leter kundene dine?', file: 'arbeidsark-kundereisen.pdf', lines: ['Hvem er kundene dine?', 'Hvor finner de deg i dag?', 'Hvilke tre steder bør du være synlig?'] },
  { module: 'being-found-online', title: 'Sjekkliste: Google-bedriftsprofil', file: 'sjekkliste-bedriftsprofil.pdf', lines: ['Riktig navn, adresse og telefon', 'Åpningstider, også på helligdager', 'Minst fem gode bilder', 'Svar på alle anmeldelser'] },
  { module: 'your-digital-strategy', title: 'Mal: Bestilling til digitalbyrå', file: 'mal-leverandorbrief.pdf', lines: ['Hva skal leveres?', 'Mål og hvordan de måles', 'Budsjett og frist', 'Hvem eier domene og innhold?'] },
];

/** Enrols the demo companies in the online course with some progress, and adds a few handouts. */
export async function seedCourses(courses: CoursesService, trainerEmail: string): Promise<void> {
  const bar = progress('Online course', DEMO_COMPANIES.length + HANDOUTS.length);
  for (const [index, demo] of DEMO_COMPANIES.entries()) {
    const owner = await User.findOne({ email: demo.owner[1] }).lean();
    if (owner?.companyId) {
      const learner = { id: String(owner._id), companyId: String(owner.companyId) };
      await courses.enrolCompany(learner, COURSE);
      // Each company is a little further along than the one before.
      const modules = ['digital-opportunities', 'being-found-online', 'social-media-and-content', 'e-commerce-and-digital-sales'];
      for (const moduleSlug of modules.slice(0, index)) await courses.markModuleDone(learner, COURSE, moduleSlug);
    }
    bar.tick();
  }
  const trainer = await User.findOne({ email: trainerEmail }).lean();
  for (const item of HANDOUTS) {
    if (!(await Material.exists({ courseSlug: COURSE, moduleSlug: item.module, title: item.title }))) {
      await storeMaterial({
        title: item.title, courseSlug: COURSE, moduleSlug: item.module, originalName: item.file,
        bytes: await handout(item.title, item.lines), uploadedBy: String(trainer!._id),
      });
    }
    bar.tick();
  }
}
