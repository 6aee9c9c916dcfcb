import { accountsPersonalData } from '../accounts/index.js';
import type { DataSection } from '../shared/personal-data.js';
import { HOLDER_NAMES, holders, type HolderName } from './holders.js';

/** Everything the app holds about a person and their company, one section per component. */
export interface PersonalData {
  exportedAt: Date;
  person: { id: string; name: string; email: string };
  sections: Record<HolderName, DataSection>;
}

/** Gathers the person's data from every component that holds some; NotFoundError for an unknown account. */
export async function personalDataOf(personId: string, now: Date): Promise<PersonalData> {
  const { roles: _roles, ...subject } = await accountsPersonalData.subjectOf(personId);
  const sections = await Promise.all(HOLDER_NAMES.map((name) => holders()[name].personalDataOf(subject)));
  return {
    exportedAt: now,
    person: { id: subject.personId, name: subject.name, email: subject.email },
    sections: Object.fromEntries(HOLDER_NAMES.map((name, i) => [name, sections[i]!])) as Record<HolderName, DataSection>,
  };
}
