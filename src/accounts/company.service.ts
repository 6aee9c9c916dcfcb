import { NotFoundError } from '../shared/errors.js';
import { toObjectId } from '../shared/db/ids.js';
import type { AccountView } from './accounts.service.js';
import { Company } from './company.model.js';
import { removeFromCompany } from './membership.js';
import type { CompanyDetailsInput } from './schemas.js';
import { User } from './user.model.js';

/** What the company page shows, and whether the viewer may change it. */
export interface CompanyPage {
  id: string;
  name: string;
  orgNumber: string;
  municipality: string;
  sector: string;
  employees: number;
  website?: string;
  people: Array<{ id: string; name: string; email: string; pending: boolean }>;
  mayEdit: boolean;
}

export interface CompanyDeps {
  /** Whether the account coordinates a garden where the company is enrolled; the composition root reads workshops for it. */
  coordinatesCompany: (accountId: string, companyId: string) => Promise<boolean>;
}

/**
 * The company's own page: its people (and admins) correct its details and manage colleagues;
 * coordinators of a garden where it is enrolled may read it. To anyone else it does not exist,
 * so a company's page never tells an outsider that the company is registered.
 */
export function createCompanyService(deps: CompanyDeps) {
  const mayEdit = (account: AccountView, companyId: string) => account.roles.includes('admin') || account.companyId === companyId;

  async function mayRead(account: AccountView, companyId: string): Promise<boolean> {
    if (mayEdit(account, companyId)) return true;
    return account.roles.includes('coordinator') && deps.coordinatesCompany(account.id, companyId);
  }

  /** Throws 404 unless the account may change the company. */
  function assertMayEdit(account: AccountView, companyId: string): string {
    if (!toObjectId(companyId) || !mayEdit(account, companyId)) throw new NotFoundError();
    return companyId;
  }

  return {
    assertMayEdit,

    /** The page of a company the account may read; 404 otherwise. */
    async page(account: AccountView, companyId: string): Promise<CompanyPage> {
      if (!toObjectId(companyId) || !(await mayRead(account, companyId))) throw new NotFoundError();
      const [company, people] = await Promise.all([
        Company.findById(companyId).lean(),
        User.find({ companyId }, { name: 1, email: 1, passwordHash: 1 }).sort({ name: 1 }).lean(),
      ]);
      if (!company) throw new NotFoundError();
      return {
        id: String(company._id), name: company.name, orgNumber: company.orgNumber, municipality: company.municipality,
        sector: company.sector, employees: company.employees, website: company.website ?? undefined,
        people: people.map((p) => ({ id: String(p._id), name: p.name, email: p.email, pending: !p.passwordHash })),
        mayEdit: mayEdit(account, companyId),
      };
    },

    /** Corrects the company's name, municipality, sector, employees and website. */
    async updateDetails(account: AccountView, companyId: string, details: CompanyDetailsInput): Promise<void> {
      assertMayEdit(account, companyId);
      const { matchedCount } = await Company.updateOne({ _id: companyId }, {
        name: details.companyName, municipality: details.municipality, sector: details.sector, employees: details.employees,
        ...(details.website ? { website: details.website } : { $unset: { website: 1 } }),
      });
      if (matchedCount === 0) throw new NotFoundError();
    },

    /** Removes a colleague (or oneself) from the company; its last person stays (see membership.ts). */
    async removeColleague(account: AccountView, companyId: string, personId: string): Promise<void> {
      assertMayEdit(account, companyId);
      if (!toObjectId(personId)) throw new NotFoundError();
      await removeFromCompany(companyId, personId);
    },
  };
}

export type CompanyService = ReturnType<typeof createCompanyService>;
