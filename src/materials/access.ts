import type { AccountView } from '../accounts/index.js';
import { cohortById, gardenIdsCoordinatedBy, gardensWhereStaff, sessionById } from '../workshops/queries.js';

/** Whose a material is: who uploaded it, and the session it belongs to when it names one. */
export interface MaterialOwnership {
  uploadedBy: string;
  sessionId?: string;
}

/**
 * Who may delete a material: its uploader, admins, and coordinators of the garden it belongs to.
 * A material hangs on a course module, which the cohorts of every garden share, so the module
 * names no garden. A material for one session belongs to that session's cohort's garden; any
 * other belongs to its uploader's gardens: those they teach a cohort in or coordinate.
 */
export async function mayDeleteMaterial(account: AccountView, material: MaterialOwnership): Promise<boolean> {
  if (account.roles.includes('admin') || account.id === material.uploadedBy) return true;
  if (!account.roles.includes('coordinator')) return false;
  const [gardens, coordinated] = await Promise.all([gardensOf(material), gardenIdsCoordinatedBy(account.id)]);
  return gardens.some((gardenId) => coordinated.includes(gardenId));
}

/** The gardens a material belongs to (see above); point lookups and cached staff posts only. */
async function gardensOf(material: MaterialOwnership): Promise<string[]> {
  if (material.sessionId) {
    const session = await sessionById(material.sessionId);
    const cohort = session && await cohortById(session.cohortId);
    return cohort ? [cohort.gardenId] : [];
  }
  return (await gardensWhereStaff(material.uploadedBy)).map((garden) => garden.id);
}
