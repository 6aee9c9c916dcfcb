import type { AccountView } from '../accounts/index.js';
import type { Language } from '../shared/i18n/index.js';
import type { CourseOutline, ModulePage } from './catalogue.js';
import { isCourseStaff, type CoursesService } from './courses.service.js';
import { sizeLabel } from '../shared/i18n/format.js';

/** A material as the module page lists it; the materials component supplies them. */
export interface MaterialListItem {
  id: string;
  title: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** Lists the materials uploaded for one module. */
export type ListMaterials = (courseSlug: string, moduleSlug: string) => Promise<MaterialListItem[]>;

export const coursePath = (courseSlug: string) => `/courses/${encodeURIComponent(courseSlug)}`;
export const modulePath = (courseSlug: string, moduleSlug: string) => `${coursePath(courseSlug)}/modules/${encodeURIComponent(moduleSlug)}`;

/**
 * What the course page shows to this reader: progress and "continue" for an
 * enrolled participant, an Enrol button for one whose company is not enrolled,
 * a login link for visitors.
 */
export async function coursePageData(courses: CoursesService, course: CourseOutline, account: AccountView | undefined) {
  const enrolled = await courses.isEnrolled(account?.companyId, course.slug);
  const progress = enrolled && account ? await courses.progressFor(account.id, course.slug) : undefined;
  const canRead = account ? enrolled || isCourseStaff(account) : false;
  const done = new Set(progress?.doneModuleSlugs ?? []);
  return {
    pageTitle: course.title,
    course,
    modules: course.modules.map((m) => ({ ...m, done: done.has(m.slug), href: canRead ? modulePath(course.slug, m.slug) : undefined })),
    progress,
    nextModule: course.modules.find((m) => m.slug === progress?.nextModuleSlug),
    nextHref: progress?.nextModuleSlug ? modulePath(course.slug, progress.nextModuleSlug) : undefined,
    canEnrol: Boolean(account?.companyId) && !enrolled,
    enrolAction: `${coursePath(course.slug)}/enrolment`,
    loginHref: account ? undefined : `/login?next=${encodeURIComponent(coursePath(course.slug))}`,
    staffNote: account !== undefined && !enrolled && isCourseStaff(account),
    noCompany: account !== undefined && !account.companyId && !isCourseStaff(account),
  };
}

/**
 * What the module page shows: the module, the reader's done mark and the module's materials.
 * `tracks` is whether the reader's company is enrolled, which the route has just asked.
 */
export async function modulePageData(
  deps: { courses: CoursesService; listMaterials: ListMaterials }, module: ModulePage, account: AccountView, language: Language, tracks: boolean,
) {
  const courseSlug = module.course.slug;
  const [isDone, materials] = await Promise.all([
    tracks ? deps.courses.isModuleDone(account.id, courseSlug, module.slug) : false,
    deps.listMaterials(courseSlug, module.slug),
  ]);
  const here = modulePath(courseSlug, module.slug);
  return {
    pageTitle: module.title,
    module,
    coursePath: coursePath(courseSlug),
    previousHref: module.previous && modulePath(courseSlug, module.previous.slug),
    nextHref: module.next && modulePath(courseSlug, module.next.slug),
    tracks,
    isDone,
    progressAction: `${here}/progress`,
    materials: materials.map((m) => ({ ...m, href: `/materials/${encodeURIComponent(m.id)}`, sizeLabel: sizeLabel(m.size, language) })),
    uploadHref: isCourseStaff(account) ? `${here}/materials/new` : undefined,
  };
}
