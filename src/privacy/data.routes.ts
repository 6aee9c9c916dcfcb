import { Router, type Request, type RequestHandler, type Response } from 'express';
import { parseForm } from '../shared/forms.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireAccount } from '../shared/http/guards.js';
import type { ErasureService } from './erasure.service.js';
import { personalDataOf } from './export.service.js';
import { dataPage } from './my-data.pages.js';
import { deleteAccountSchema } from './schemas.js';

/**
 * A person's own data: the page that shows it (printable), the JSON download, and deleting the
 * account. Every route acts on the signed-in account only; no address names a person, so nobody
 * can ask for someone else's data.
 */
export function myDataRoutes(deps: { erasure: ErasureService; provideToken: RequestHandler; now: () => Date }): Router {
  const { erasure, provideToken, now } = deps;
  const router = Router();

  router.get('/profile/data', requireAccount, async (req, res) => {
    res.render('privacy/my-data', dataPage(await personalDataOf(req.account!.id, now()), req.lang));
  });

  router.get('/profile/data.json', requireAccount, async (req, res) => {
    const data = await personalDataOf(req.account!.id, now());
    res.attachment(`digital-afternoons-${data.exportedAt.toISOString().slice(0, 10)}.json`);
    res.type('application/json').send(JSON.stringify(data, null, 2));
  });

  const confirmPage = async (req: Request) => {
    const plan = await erasure.plan(req.account!.id);
    return { plan, mayErase: plan.cohortsTaught === 0 && plan.gardensCoordinated === 0 && !plan.lastAdmin };
  };

  router.get('/profile/delete', requireAccount, provideToken, async (req, res) => {
    res.render('privacy/delete', { ...(await confirmPage(req)), values: {} });
  });

  router.post('/profile/delete', requireAccount, provideToken, async (req: Request, res: Response) => {
    try {
      const { password } = parseForm(deleteAccountSchema, req.body);
      await erasure.eraseOwnAccount(req.account!.id, password);
    } catch (error) {
      return renderInvalid(req, res, 'privacy/delete', error, {}, await confirmPage(req));
    }
    // Every session of the account is deleted by now; this one's cookie goes too.
    req.session.destroy(() => {
      res.clearCookie('da.sid');
      res.redirect('/profile/deleted');
    });
  });

  router.get('/profile/deleted', (_req, res) => res.render('privacy/deleted'));

  return router;
}
