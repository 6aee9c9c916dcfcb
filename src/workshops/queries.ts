// Reads other components may make of workshops' data: plain objects, string ids.
import { Garden } from './garden.model.js';

/** The ids of the gardens this account coordinates. */
export async function gardenIdsCoordinatedBy(accountId: string): Promise<string[]> {
  return (await Garden.find({ coordinatorIds: accountId }, { _id: 1 }).lean()).map((g) => String(g._id));
}
