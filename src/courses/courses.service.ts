import type { AccountView } from '../accounts/index.js';
import type { Role } from '../accounts/index.js';
import { insertOnce } from '../shared/db/claims.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Language } from '../shared/i18n/index.js';
import type { CourseCatalogue } from './catalogue.js';
import { CourseEnrolment } from './enrolment.model.js';
import { ModuleProgress, progressKey } from './progress.model.js';
// The point lookups other components make too (enrolled? done?) live in queries.ts.
import { isCompanyEnrolled as isEnrolled, isModuleDone } from './queries.js';

/** The part of an account that enrolment and progress need; the seed script can build one by hand. */
export type Learner = Pick<AccountView, 'id' | 'companyId'>;

/** How far one person has come in one course. */
export interface CourseProgress {
  done: number;
  total: number;
  percent: number;
  /** The first module in teaching order not yet done; undefined when all are. */
  nextModuleSlug?: string;
  doneModuleSlugs: string[];
}

/** An enrolled course on the participant's dashboard. */
export interface DashboardCourse {
  slug: string;
  title: string;
  progress: CourseProgress;
  nextModule?: { slug: string; title: string };
}

// People who teach or run the course read every module without their company enrolling.
const STAFF_ROLES: readonly Role[] = ['trainer', 'coordinator', 'admin'];

/** Whether the account teaches or runs courses rather than takes them. */
export function isCourseStaff(account: Pick<AccountView, 'roles'>): boolean {
  return account.roles.some((role) => STAFF_ROLES.includes(role));
}

/** Self-paced course use cases: enrolling a company, reading modules and recording progress. */
export function createCoursesService(deps: { catalogue: CourseCatalogue }) {
  const { catalogue } = deps;

  function assertCourseExists(courseSlug: string): void {
    if (catalogue.moduleSlugs(courseSlug).length === 0) throw new NotFoundError();
  }

  function assertModuleExists(courseSlug: string, moduleSlug: string): void {
    if (!catalogue.hasModule(courseSlug, moduleSlug)) throw new NotFoundError();
  }

  async function assertEnrolled(learner: Learner, courseSlug: string): Promise<void> {
    if (!(await isEnrolled(learner.companyId, courseSlug))) throw new ForbiddenError('courses.enrolFirst');
  }

  /**
   * Progress of one person in one course, counting only modules the course still has:
   * one point lookup per module of the course, so its cost does not grow with other people's progress.
   */
  async function progressFor(accountId: string, courseSlug: string): Promise<CourseProgress> {
    const slugs = catalogue.moduleSlugs(courseSlug);
    const done = await Promise.all(slugs.map((slug) => isModuleDone(accountId, courseSlug, slug)));
    const recorded = new Set(slugs.filter((_slug, i) => done[i]));
    const doneModuleSlugs = slugs.filter((slug) => recorded.has(slug));
    const total = slugs.length;
    return {
      done: doneModuleSlugs.length,
      total,
      percent: total > 0 ? Math.round((100 * doneModuleSlugs.length) / total) : 0,
      nextModuleSlug: slugs.find((slug) => !recorded.has(slug)),
      doneModuleSlugs,
    };
  }

  return {
    isEnrolled,
    isModuleDone,
    progressFor,

    /** Whether the account may read the course's modules: staff always, others when their company is enrolled. */
    async mayReadModules(account: Pick<AccountView, 'roles' | 'companyId'>, courseSlug: string): Promise<boolean> {
      if (isCourseStaff(account)) return true;
      return isEnrolled(account.companyId, courseSlug);
    },

    /** Enrols the learner's company; true when this call enrolled it, false when it already was. */
    async enrolCompany(learner: Learner, courseSlug: string): Promise<boolean> {
      assertCourseExists(courseSlug);
      if (!learner.companyId) throw new ConflictError('courses.noCompany');
      const companyId = learner.companyId;
      return insertOnce(() => CourseEnrolment.create({ companyId, courseSlug, enrolledBy: learner.id }));
    },

    /** Records a module as done for one person; doing it again changes nothing. */
    async markModuleDone(learner: Learner, courseSlug: string, moduleSlug: string): Promise<void> {
      assertModuleExists(courseSlug, moduleSlug);
      await assertEnrolled(learner, courseSlug);
      // Done already (unique index): nothing changes.
      await insertOnce(() => ModuleProgress.create({ accountId: learner.id, courseSlug, moduleSlug }));
    },

    /** Takes back a "done" mark; nothing happens when there was none. */
    async markModuleNotDone(learner: Learner, courseSlug: string, moduleSlug: string): Promise<void> {
      assertModuleExists(courseSlug, moduleSlug);
      await ModuleProgress.deleteOne({ _id: progressKey(learner.id, courseSlug, moduleSlug) });
    },

    /**
     * The courses the account's company is enrolled in, each with the account's progress, in
     * catalogue order. The catalogue is asked course by course (a point lookup each) rather than
     * the enrolments filtered by company, which would read every company's enrolments.
     */
    async dashboardCourses(account: Learner, language: Language): Promise<DashboardCourse[]> {
      if (!account.companyId) return [];
      const slugs = catalogue.list(language).map((course) => course.slug);
      const enrolled = await Promise.all(slugs.map((slug) => isEnrolled(account.companyId, slug)));
      const courses: DashboardCourse[] = [];
      for (const courseSlug of slugs.filter((_slug, i) => enrolled[i])) {
        const course = catalogue.get(courseSlug, language)!;
        const progress = await progressFor(account.id, courseSlug);
        const next = course.modules.find((m) => m.slug === progress.nextModuleSlug);
        courses.push({ slug: course.slug, title: course.title, progress, nextModule: next && { slug: next.slug, title: next.title } });
      }
      return courses;
    },
  };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
