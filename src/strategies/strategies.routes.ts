import { Router } from 'express';
import type { CourseCatalogue } from '../courses/index.js';
import { certificateRoutes } from './completion/certificate.routes.js';
import { exportRoutes } from './export/export.routes.js';
import { maturityRoutes } from './maturity/maturity.routes.js';
import { reviewRoutes } from './review.routes.js';
import type { Strategies } from './strategies.service.js';
import { workbookRoutes } from './workbook.routes.js';


/** Every page of the strategies component; the app mounts this one router. */
export function strategiesRoutes(deps: { strategies: Strategies; catalogue: CourseCatalogue; baseUrl: string; now: () => Date }): Router {
  const { workbook, review, maturity, completion } = deps.strategies;
  const shared = { workbook, review, catalogue: deps.catalogue };
  const router = Router();
  router.use(workbookRoutes(shared));
  router.use(reviewRoutes(shared));
  router.use(maturityRoutes({ maturity }));
  router.use(exportRoutes({ workbook, catalogue: deps.catalogue, now: deps.now }));
  router.use(certificateRoutes({ completion, catalogue: deps.catalogue, baseUrl: deps.baseUrl }));
  return router;
}
