import { Router } from 'express';
import { ACCESSIBILITY_STATEMENT_DATE, PRIVACY_NOTICE_VERSION } from './notice.js';

/** Who answers for the personal data and where people write to: set in configuration. */
export interface SiteOwner {
  controller: string;
  contactEmail: string;
}

/**
 * The privacy notice and the accessibility statement, public and in both languages. Each is one
 * view per language: a legal text reads better whole than assembled from message keys.
 */
export function privacyRoutes(owner: SiteOwner): Router {
  const router = Router();

  router.get('/privacy', (req, res) => {
    res.render(`privacy/notice-${req.lang}`, { ...owner, version: PRIVACY_NOTICE_VERSION });
  });

  router.get('/accessibility', (req, res) => {
    res.render(`privacy/accessibility-${req.lang}`, { ...owner, checked: ACCESSIBILITY_STATEMENT_DATE });
  });

  return router;
}
