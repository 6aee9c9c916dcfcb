import { Router, type Request } from 'express';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import type { DomainEvents } from '../shared/events.js';
import { requireRole } from '../shared/http/guards.js';
import { assertManagesGarden } from './access.js';
import { accountsWithRole, createGarden, listManagedGardens, updateGarden } from './gardens.service.js';
import { gardenSchema } from './schemas.js';

/** Business gardens: admins create them and bind coordinators; coordinators edit their own. */
export function gardensRoutes(deps: { events: DomainEvents; now: () => Date }): Router {
  const router = Router();
  const staff = requireRole('coordinator', 'admin');
  const formContext = async (req: Request, selected: string[] = []) => ({
    isAdmin: req.account!.roles.includes('admin'),
    coordinators: (await accountsWithRole('coordinator')).map((c) => ({ ...c, selected: selected.includes(c.id) })),
  });

  router.get('/gardens', ...staff, async (req, res) => {
    res.render('workshops/gardens', { gardens: await listManagedGardens(req.account!), isAdmin: req.account!.roles.includes('admin') });
  });

  router.get('/gardens/new', ...requireRole('admin'), async (req, res) => {
    res.render('workshops/garden-form', { values: {}, action: '/gardens', ...(await formContext(req)) });
  });

  router.post('/gardens', ...requireRole('admin'), async (req, res) => {
    try {
      await createGarden(req.account!, parseForm(gardenSchema, req.body));
      flash(req, 'success', 'workshops.gardens.saved');
      res.redirect('/gardens');
    } catch (error) {
      renderInvalid(req, res, 'workshops/garden-form', error, req.body, { action: '/gardens', ...(await formContext(req, [req.body.coordinatorIds ?? []].flat())) });
    }
  });

  router.get('/gardens/:gardenId/edit', ...staff, async (req, res) => {
    const garden = await assertManagesGarden(req.account!, String(req.params.gardenId));
    const values = { ...garden, rooms: garden.rooms.join('\n') };
    res.render('workshops/garden-form', { values, action: `/gardens/${garden._id}`, ...(await formContext(req, garden.coordinatorIds.map(String))) });
  });

  router.post('/gardens/:gardenId', ...staff, async (req, res) => {
    const gardenId = String(req.params.gardenId);
    await assertManagesGarden(req.account!, gardenId);
    try {
      await updateGarden(req.account!, gardenId, parseForm(gardenSchema, req.body), deps);
      flash(req, 'success', 'workshops.gardens.saved');
      res.redirect('/gardens');
    } catch (error) {
      renderInvalid(req, res, 'workshops/garden-form', error, req.body, { action: `/gardens/${gardenId}`, ...(await formContext(req, [req.body.coordinatorIds ?? []].flat())) });
    }
  });

  return router;
}
