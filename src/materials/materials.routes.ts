import { Router, type Request, type Response } from 'express';
import type { AccountView } from '../accounts/index.js';
import type { Role } from '../shared/http/account.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { requireAccount, requireRole } from '../shared/http/guards.js';
import { sendMaterial } from './download.js';
import { ACCEPTED_KINDS, acceptAttribute } from './file-kinds.js';
import { deleteMaterial, findMaterial, listMaterialsToManage, readMaterialContent, storeMaterial } from './materials.service.js';
import { uploadMaterialSchema } from './schemas.js';
import { sizeLabel } from '../shared/i18n/format.js';
import { uploadReader } from './upload.js';
import { statusOf } from '../shared/http/error-handler.js';

export interface MaterialsRoutesDeps {
  uploadMaxMb: number;
  /** Whether the course has this module; uploads to anything else are 404. */
  moduleExists(courseSlug: string, moduleSlug: string): boolean;
  /** Whether a participant may read a course's materials (their company is enrolled in it). */
  canReadCourse(account: AccountView, courseSlug: string): Promise<boolean>;
}

const STAFF: Role[] = ['trainer', 'coordinator', 'admin'];
const isStaff = (account: AccountView) => account.roles.some((role) => STAFF.includes(role));
const modulePath = (course: string, module: string) => `/courses/${encodeURIComponent(course)}/modules/${encodeURIComponent(module)}`;

/** Upload, download and deletion of trainers' course materials. */
export function materialsRoutes(deps: MaterialsRoutesDeps): Router {
  const router = Router();
  const maxBytes = deps.uploadMaxMb * 1024 * 1024;
  const readUpload = uploadReader(maxBytes);
  const staffOnly = requireRole(...STAFF);

  function assertModuleExists(req: Request): { course: string; module: string } {
    const course = String(req.params.course);
    const module = String(req.params.module);
    if (!deps.moduleExists(course, module)) throw new NotFoundError();
    return { course, module };
  }

  /** The upload form, with what was typed, the reasons for a refusal and the module's current materials. */
  async function renderForm(req: Request, res: Response, place: { course: string; module: string }, extra: object = {}) {
    const materials = await listMaterialsToManage(req.account!, place.course, place.module);
    res.render('materials/new', {
      values: {},
      ...extra,
      action: `${modulePath(place.course, place.module)}/materials`,
      backPath: modulePath(place.course, place.module),
      accept: acceptAttribute(),
      types: ACCEPTED_KINDS.map((kind) => kind.label).join(', '),
      maxMb: deps.uploadMaxMb,
      materials: materials.map((m) => ({ ...m, sizeLabel: sizeLabel(m.size, req.lang) })),
    });
  }

  router.get('/courses/:course/modules/:module/materials/new', ...staffOnly, async (req, res) => {
    await renderForm(req, res, assertModuleExists(req));
  });

  router.post('/courses/:course/modules/:module/materials', ...staffOnly, async (req, res) => {
    const place = assertModuleExists(req);
    // Read afresh after a refusal too: the fields sent before an oversize file have already been parsed.
    const typedTitle = () => (typeof req.body?.title === 'string' ? req.body.title : '');
    try {
      const file = await readUpload(req, res);
      const input = parseForm(uploadMaterialSchema, { title: typedTitle() });
      if (!file) throw new ValidationError({ file: 'materials.errors.fileRequired' });
      const material = await storeMaterial({
        title: input.title, courseSlug: place.course, moduleSlug: place.module,
        originalName: file.originalName, bytes: file.bytes, uploadedBy: req.account!.id,
      }, { maxBytes });
      flash(req, 'success', 'materials.uploaded', { title: material.title });
      res.redirect(modulePath(place.course, place.module));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, req.t(key, { maxMb: deps.uploadMaxMb })]));
      res.status(statusOf(error));
      await renderForm(req, res, place, {
        values: { title: typedTitle() }, errors, errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
      });
    }
  });

  router.get('/materials/:id', requireAccount, async (req, res) => {
    const material = await findMaterial(String(req.params.id));
    const account = req.account!;
    if (!isStaff(account) && !(await deps.canReadCourse(account, material.courseSlug))) {
      throw new ForbiddenError('materials.errors.notEnrolled');
    }
    await sendMaterial(req, res, material, (range) => readMaterialContent(material, range));
  });

  router.post('/materials/:id/delete', ...staffOnly, async (req, res) => {
    const removed = await deleteMaterial(req.account!, String(req.params.id));
    flash(req, 'success', 'materials.deleted', { title: removed.title });
    res.redirect(modulePath(removed.courseSlug, removed.moduleSlug));
  });

  return router;
}
