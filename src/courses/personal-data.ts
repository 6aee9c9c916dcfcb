import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { CourseEnrolment } from './enrolment.model.js';
import { ModuleProgress } from './progress.model.js';

/*
 * The courses component's part of a person's export and erasure. Filters on accountId and
 * companyId read the whole collection on FerretDB: acceptable for an export or an erasure, which are rare.
 */

/** The modules the person marked done, and the self-paced courses their company is enrolled in. */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const [progress, enrolments] = await Promise.all([
    ModuleProgress.find({ accountId: subject.personId }).sort({ createdAt: 1 }).lean(),
    subject.companyId ? CourseEnrolment.find({ companyId: subject.companyId }).sort({ createdAt: 1 }).lean() : [],
  ]);
  return {
    modulesDone: progress.map((p) => ({ course: p.courseSlug, module: p.moduleSlug, at: p.createdAt })),
    courseEnrolments: enrolments.map((e) => ({ course: e.courseSlug, enrolledByYou: String(e.enrolledBy) === subject.personId, at: e.createdAt })),
  };
}

/**
 * The person's done marks go (no programme figure counts them); so do the company's course
 * enrolments when the company goes. A company that stays keeps its enrolments, naming the stand-in as who enrolled it.
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  await ModuleProgress.deleteMany({ accountId: erasure.personId });
  await CourseEnrolment.updateMany({ enrolledBy: erasure.personId }, { $set: { enrolledBy: erasure.standIn.personId } });
  if (erasure.companyId && erasure.eraseCompany) await CourseEnrolment.deleteMany({ companyId: erasure.companyId });
}
