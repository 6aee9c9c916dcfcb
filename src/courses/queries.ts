// Reads other components may make of courses' data: plain objects, string ids.
import { Types } from 'mongoose';
import type { Id } from '../shared/db/ids.js';
import { CourseEnrolment, courseEnrolmentKey } from './enrolment.model.js';
import { ModuleProgress, progressKey } from './progress.model.js';

/** Whether the company is enrolled in the course (one point lookup); false for no company or a malformed id. */
export async function isCompanyEnrolled(companyId: Id | undefined, courseSlug: string): Promise<boolean> {
  if (!companyId || !Types.ObjectId.isValid(companyId)) return false;
  return (await CourseEnrolment.exists({ _id: courseEnrolmentKey(companyId, courseSlug) })) !== null;
}

/** Whether the person has marked the module as done (one point lookup). */
export async function isModuleDone(accountId: Id, courseSlug: string, moduleSlug: string): Promise<boolean> {
  return (await ModuleProgress.exists({ _id: progressKey(accountId, courseSlug, moduleSlug) })) !== null;
}

/** The self-paced courses the company is enrolled in, first enrolled first (top-level equality on the company). */
export async function courseSlugsOfCompany(companyId: Id): Promise<string[]> {
  return (await CourseEnrolment.find({ companyId }, { courseSlug: 1 }).sort({ createdAt: 1 }).lean()).map((e) => e.courseSlug);
}

/**
 * Which of `moduleSlugs` at least one of these people (a company's, say) has marked done. Done marks
 * are asked by their derived `_id`, person by person and only for the modules nobody was found to have
 * done yet, so the usual case (one person did them all) costs one point lookup per module.
 */
export async function modulesDoneByAnyOf(accountIds: Id[], courseSlug: string, moduleSlugs: string[]): Promise<string[]> {
  const done = new Set<string>();
  for (const accountId of accountIds) {
    const open = moduleSlugs.filter((slug) => !done.has(slug));
    if (!open.length) break;
    const marked = await Promise.all(open.map((slug) => isModuleDone(accountId, courseSlug, slug)));
    open.forEach((slug, i) => { if (marked[i]) done.add(slug); });
  }
  return moduleSlugs.filter((slug) => done.has(slug));
}
