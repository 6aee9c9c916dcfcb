import { Router, type Request } from 'express';
import { NotFoundError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { requireAccount } from '../shared/http/guards.js';
import type { CourseCatalogue } from './catalogue.js';
import { coursePageData, coursePath, modulePageData, modulePath, type ListMaterials } from './course.pages.js';
import { isCourseStaff, type CoursesService } from './courses.service.js';
import { markProgressSchema } from './schemas.js';

export interface CoursesRoutesDeps {
  catalogue: CourseCatalogue;
  courses: CoursesService;
  /** The materials of one module; supplied by the materials component. */
  listMaterials: ListMaterials;
}

/** The course catalogue, course pages, enrolment, module pages and "mark as done". */
export function coursesRoutes(deps: CoursesRoutesDeps): Router {
  const { catalogue, courses } = deps;
  const router = Router();

  const findCourse = (req: Request) => {
    const course = catalogue.get(String(req.params.course), req.lang);
    if (!course) throw new NotFoundError();
    return course;
  };
  const findModule = (req: Request) => {
    const module = catalogue.module(String(req.params.course), String(req.params.module), req.lang);
    if (!module) throw new NotFoundError();
    return module;
  };

  router.get('/courses', (req, res) => {
    res.render('courses/catalogue', { courses: catalogue.list(req.lang) });
  });

  router.get('/courses/:course', async (req, res) => {
    res.render('courses/course', await coursePageData(courses, findCourse(req), req.account));
  });

  router.post('/courses/:course/enrolment', requireAccount, async (req, res) => {
    const course = findCourse(req);
    const enrolled = await courses.enrolCompany(req.account!, course.slug);
    flash(req, enrolled ? 'success' : 'info', enrolled ? 'courses.enrolled' : 'courses.alreadyEnrolled', { course: course.title });
    res.redirect(coursePath(course.slug));
  });

  router.get('/courses/:course/modules/:module', requireAccount, async (req, res) => {
    const module = findModule(req);
    const account = req.account!;
    const enrolled = await courses.isEnrolled(account.companyId, module.course.slug);
    if (!enrolled && !isCourseStaff(account)) {
      flash(req, 'info', 'courses.enrolFirst');
      res.redirect(coursePath(module.course.slug));
      return;
    }
    res.render('courses/module', await modulePageData(deps, module, account, req.lang, enrolled));
  });

  router.post('/courses/:course/modules/:module/progress', requireAccount, async (req, res) => {
    const module = findModule(req);
    const { done } = parseForm(markProgressSchema, req.body);
    if (done) await courses.markModuleDone(req.account!, module.course.slug, module.slug);
    else await courses.markModuleNotDone(req.account!, module.course.slug, module.slug);
    flash(req, 'success', done ? 'courses.markedDone' : 'courses.markedNotDone');
    res.redirect(modulePath(module.course.slug, module.slug));
  });

  return router;
}
