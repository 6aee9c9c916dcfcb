import { Router } from 'express';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { requireRole } from '../shared/http/guards.js';
import { assignRoles, listAccounts } from './admin.service.js';
import { ROLES } from '../shared/http/account.js';
import { assignRolesSchema } from './schemas.js';

/** The admin's account list, where roles are assigned. */
export function adminRoutes(): Router {
  const router = Router();
  router.use('/admin', requireRole('admin'));

  router.get('/admin/users', async (req, res) => {
    const search = typeof req.query.q === 'string' ? req.query.q : '';
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
    const { accounts, hasMore } = await listAccounts(search, page);
    res.render('accounts/admin-users', {
      search, page, hasMore, nextPage: page + 1, prevPage: page > 1 ? page - 1 : undefined,
      accounts: accounts.map((a) => ({ ...a, roleChoices: ROLES.map((role) => ({ role, held: a.roles.includes(role) })) })),
    });
  });

  router.post('/admin/users/:id/roles', async (req, res) => {
    const { roles } = parseForm(assignRolesSchema, req.body);
    const account = await assignRoles(req.account!, req.params.id, roles);
    flash(req, 'success', 'admin.rolesSaved', { name: account.name });
    res.redirect(`/admin/users?q=${encodeURIComponent(account.email)}`);
  });

  return router;
}
