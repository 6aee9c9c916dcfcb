import { Router, type Request, type RequestHandler, type Response } from 'express';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireAccount } from '../shared/http/guards.js';
import type { AccountsService } from './accounts.service.js';
import type { CompanyPage, CompanyService } from './company.service.js';
import { companyDetailsSchema, inviteColleagueSchema, SECTORS } from './schemas.js';

/** The form's values as stored, so a refused form of the page keeps the other form's values. */
const storedValues = (company: CompanyPage) => ({
  companyName: company.name, municipality: company.municipality, sector: company.sector,
  employees: String(company.employees), website: company.website ?? '',
});

/**
 * The company page (`/companies/:id`, and `/company` for one's own): details, people, invitations.
 * Its forms name their fields apart (`companyName`, not `name`), so a refused invitation shows the
 * details as stored and a refused correction shows what was typed, with the invitation form empty.
 */
export function companyRoutes(deps: { accounts: AccountsService; company: CompanyService; provideToken: RequestHandler }): Router {
  const { accounts, company, provideToken } = deps;
  const router = Router();
  const sectors = (req: Request) => SECTORS.map((value) => ({ value, label: req.t(`sectors.${value}`) }));
  const path = (companyId: string) => `/companies/${companyId}`;

  const show = async (req: Request, res: Response, companyId: string) => {
    const page = await company.page(req.account!, companyId);
    res.render('accounts/company', { company: page, sectors: sectors(req), values: storedValues(page) });
  };

  /** Re-renders the page after a refused form, with what was typed over the stored values. */
  const refuse = async (req: Request, res: Response, companyId: string, error: unknown) => {
    const page = await company.page(req.account!, companyId);
    renderInvalid(req, res, 'accounts/company', error, { ...storedValues(page), ...req.body }, { company: page, sectors: sectors(req) });
  };

  router.get('/company', requireAccount, provideToken, async (req, res) => {
    if (req.account!.companyId) return show(req, res, req.account!.companyId);
    res.render('accounts/company', { company: undefined });
  });

  router.get('/companies/:id', requireAccount, provideToken, async (req, res) => show(req, res, String(req.params.id)));

  router.post('/companies/:id/details', requireAccount, provideToken, async (req, res) => {
    const companyId = company.assertMayEdit(req.account!, String(req.params.id));
    try {
      await company.updateDetails(req.account!, companyId, parseForm(companyDetailsSchema, req.body));
      flash(req, 'success', 'companies.detailsSaved');
      res.redirect(path(companyId));
    } catch (error) {
      await refuse(req, res, companyId, error);
    }
  });

  router.post('/companies/:id/colleagues', requireAccount, provideToken, async (req, res) => {
    const companyId = company.assertMayEdit(req.account!, String(req.params.id));
    try {
      const colleague = parseForm(inviteColleagueSchema, req.body);
      await accounts.inviteColleague(req.account!, companyId, colleague);
      flash(req, 'success', 'accounts.colleagueInvited', { email: colleague.email });
      res.redirect(path(companyId));
    } catch (error) {
      await refuse(req, res, companyId, error);
    }
  });

  router.post('/companies/:id/colleagues/:personId/remove', requireAccount, provideToken, async (req, res) => {
    const companyId = company.assertMayEdit(req.account!, String(req.params.id));
    const personId = String(req.params.personId);
    const name = (await company.page(req.account!, companyId)).people.find((p) => p.id === personId)?.name ?? '';
    try {
      await company.removeColleague(req.account!, companyId, personId);
    } catch (error) {
      return refuse(req, res, companyId, error);
    }
    if (personId === req.account!.id) {
      flash(req, 'success', 'companies.leftCompany');
      return res.redirect('/dashboard');
    }
    flash(req, 'success', 'companies.removed', { name });
    res.redirect(path(companyId));
  });

  return router;
}
