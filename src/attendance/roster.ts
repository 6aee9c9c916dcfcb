import type { Id } from '../shared/db/ids.js';
import type { CohortSheet } from './cohort-sheet.js';

export type { Id };


/** A participant of an enrolled company, as the register lists them. */
export interface RosterPerson {
  accountId: string;
  name: string;
  email: string;
  companyId: string;
}

export interface RosterCompany {
  companyId: string;
  name: string;
  participants: RosterPerson[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nb');

/**
 * The companies enrolled in a cohort (not waitlisted or pending) with their
 * participants, sorted by name, from the cohort's sheet. `extraPeople` adds
 * accounts outside the participant lists, e.g. someone who was marked before
 * leaving the list, so their marks still have a name.
 */
export function rosterOf(sheet: CohortSheet, extraPeople: Array<{ accountId: string; companyId: string }> = []): RosterCompany[] {
  const listed = new Map<string, string>();
  for (const company of sheet.companies) {
    for (const id of company.participantIds) listed.set(id, company.companyId);
  }
  const enrolledCompanies = new Set(sheet.companies.map((c) => c.companyId));
  for (const extra of extraPeople) {
    if (enrolledCompanies.has(extra.companyId) && !listed.has(extra.accountId)) listed.set(extra.accountId, extra.companyId);
  }
  const roster = new Map(sheet.companies.map((c) => [c.companyId, { companyId: c.companyId, name: c.name, participants: [] as RosterPerson[] }]));
  for (const person of sheet.people) {
    const companyId = listed.get(person.id);
    if (companyId) roster.get(companyId)?.participants.push({ accountId: person.id, name: person.name, email: person.email, companyId });
  }
  const result = [...roster.values()].sort(byName);
  for (const company of result) company.participants.sort(byName);
  return result;
}

/** Every participant of a roster, keyed by account id. */
export function peopleById(roster: RosterCompany[]): Map<string, RosterPerson> {
  return new Map(roster.flatMap((company) => company.participants.map((person) => [person.accountId, person] as const)));
}
