import type { AccountView } from '../accounts/index.js';
import { scopes } from '../shared/db/change-notes.js';
import { readThroughCache } from '../shared/db/fresh-cache.js';
import { cohortsOfGardens, enrolmentsOfCohort, gardenIdsCoordinatedBy } from '../workshops/queries.js';
import { Strategy } from './strategy.model.js';

/*
 * Who names the reviewer of a self-paced strategy: the company's garden or an admin. A company's
 * gardens are those of the cohorts it is enrolled in, or was (a cohort strategy stays when the
 * enrolment is cancelled and deleted). A company in no garden's cohort is assigned by admins only.
 *
 * Asked from the garden's side, because the other way ("which cohorts is this company in?") filters
 * enrolments by company, which FerretDB answers by reading the collection, once per company. From the
 * garden's side every step is a cache proven fresh by point lookups: the coordinator's gardens
 * (workshops' staff posts), each garden's cohorts, and each cohort's companies below.
 */

/** Every company for an admin; for a coordinator the companies of their gardens' cohorts; none for anyone else. */
export async function companiesAssignableBy(account: AccountView): Promise<'all' | Set<string>> {
  if (account.roles.includes('admin')) return 'all';
  if (!account.roles.includes('coordinator')) return new Set();
  const cohorts = await cohortsOfGardens(await gardenIdsCoordinatedBy(account.id));
  const companies = await Promise.all(cohorts.map((cohort) => companiesOfCohort(cohort.id)));
  return new Set(companies.flat());
}

/** Whether the account may assign the reviewer of this company's self-paced strategy. */
export async function mayAssignFor(account: AccountView, companyId: string): Promise<boolean> {
  const companies = await companiesAssignableBy(account);
  return companies === 'all' || companies.has(companyId);
}

/**
 * The companies enrolled in a cohort or with a strategy in it, cached: enrolments and strategies
 * both note their cohort's scope when written, so while neither changed this is two point lookups.
 */
function companiesOfCohort(cohortId: string): Promise<string[]> {
  return readThroughCache(`companies-of-cohort:${cohortId}`, [scopes.cohort(cohortId)], async () => {
    const [enrolled, strategies] = await Promise.all([
      enrolmentsOfCohort(cohortId, 'enrolled'),
      Strategy.find({ cohortId }, { companyId: 1 }).lean(),
    ]);
    return [...new Set([...enrolled.map((e) => e.companyId), ...strategies.map((s) => String(s.companyId))])].sort();
  });
}
