import { Router, type Request, type Response } from 'express';
import type { CourseCatalogue } from '../../courses/index.js';
import { parseForm } from '../../shared/forms.js';
import { flash } from '../../shared/http/context.js';
import { renderInvalid } from '../../shared/http/forms.js';
import { requireAccount } from '../../shared/http/guards.js';
import type { CertificateView, CompletionService } from './completion.service.js';
import { strategyPaths } from '../strategy.pages.js';
import { certificateNamesSchema } from '../schemas.js';

export interface CertificateRoutesDeps {
  completion: CompletionService;
  catalogue: CourseCatalogue;
  baseUrl: string;
}

/** The company's certificate (with the names it carries) and the public page that verifies it. */
export function certificateRoutes(deps: CertificateRoutesDeps): Router {
  const router = Router();
  const verifyPath = (publicId: string) => `/certificates/${publicId}`;

  const shown = (req: Request, certificate: CertificateView) => ({
    companyName: certificate.companyName,
    courseTitle: deps.catalogue.get(certificate.courseSlug, req.lang)?.title ?? certificate.courseSlug,
    cohortTitle: certificate.cohortTitle, gardenName: certificate.gardenName,
    names: certificate.names, issuedAt: certificate.issuedAt,
    verifyUrl: `${deps.baseUrl}${verifyPath(certificate.publicId)}`, verifyPath: verifyPath(certificate.publicId),
  });

  async function renderPage(req: Request, res: Response, error?: unknown) {
    const { access, completion, certificate } = await deps.completion.certificatePage(req.account!, String(req.params.id));
    const context = {
      pageTitle: req.t('strategies.certificate.title'),
      paths: strategyPaths(String(access.strategy._id)),
      completion, certificate: certificate && shown(req, certificate),
      canEdit: access.isCompany && certificate !== undefined,
      namesText: certificate?.names.join('\n') ?? '',
    };
    if (error) return renderInvalid(req, res, 'strategies/certificate', error, req.body, context);
    res.render('strategies/certificate', { ...context, values: {} });
  }

  router.get('/strategies/:id/certificate', requireAccount, (req, res) => renderPage(req, res));

  router.post('/strategies/:id/certificate', requireAccount, async (req, res) => {
    try {
      const { names } = parseForm(certificateNamesSchema, req.body);
      await deps.completion.updateNames(req.account!, String(req.params.id), names);
    } catch (error) {
      return renderPage(req, res, error);
    }
    flash(req, 'success', 'strategies.certificate.namesSaved');
    res.redirect(strategyPaths(String(req.params.id)).certificate);
  });

  // Public: anyone with the link can check that the certificate is genuine.
  router.get('/certificates/:publicId', async (req, res) => {
    const certificate = await deps.completion.verify(String(req.params.publicId));
    res.render('strategies/certificate', { pageTitle: req.t('strategies.certificate.title'), certificate: shown(req, certificate), isPublic: true });
  });

  return router;
}
