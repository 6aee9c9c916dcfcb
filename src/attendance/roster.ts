import { trusted } from 'mongoose';
import { Company } from '../accounts/company.model.js';
import { User } from '../accounts/user.model.js';
import { Enrolment } from '../workshops/enrolment.model.js';
import type { Id } from '../shared/db/ids.js';

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
 * participants, sorted by name. Three finds, whatever the size of the cohort.
 * `extraPeople` adds accounts outside the participant lists, e.g. someone who
 * was marked before leaving the list, so their marks still have a name.
 */
export async function loadRoster(cohortId: Id, extraPeople: Array<{ accountId: Id; companyId: Id }> = []): Promise<RosterCompany[]> {
  const enrolments = await Enrolment.find({ cohortId, status: 'enrolled' }, { companyId: 1, participantIds: 1 }).lean();
  const listed = new Map<string, string>();
  for (const enrolment of enrolments) {
    for (const id of enrolment.participantIds) listed.set(String(id), String(enrolment.companyId));
  }
  const enrolledCompanies = new Set(enrolments.map((e) => String(e.companyId)));
  for (const extra of extraPeople) {
    if (enrolledCompanies.has(String(extra.companyId)) && !listed.has(String(extra.accountId))) listed.set(String(extra.accountId), String(extra.companyId));
  }
  const [companies, users] = await Promise.all([
    Company.find({ _id: trusted({ $in: [...enrolledCompanies] }) }, { name: 1 }).lean(),
    User.find({ _id: trusted({ $in: [...listed.keys()] }) }, { name: 1, email: 1 }).lean(),
  ]);
  const roster = new Map(companies.map((c) => [String(c._id), { companyId: String(c._id), name: c.name, participants: [] as RosterPerson[] }]));
  for (const user of users) {
    const companyId = listed.get(String(user._id))!;
    roster.get(companyId)?.participants.push({ accountId: String(user._id), name: user.name, email: user.email, companyId });
  }
  const result = [...roster.values()].sort(byName);
  for (const company of result) company.participants.sort(byName);
  return result;
}

/** Every participant of a roster, keyed by account id. */
export function peopleById(roster: RosterCompany[]): Map<string, RosterPerson> {
  return new Map(roster.flatMap((company) => company.participants.map((person) => [person.accountId, person] as const)));
}
