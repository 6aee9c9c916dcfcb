import { Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { rolesByIds } from '../accounts/queries.js';
import { unlessTaken } from '../shared/db/claims.js';
import { ForbiddenError, ValidationError } from '../shared/errors.js';
import type { DomainEvents } from '../shared/events.js';
import { assertManagesGarden } from './access.js';
import { applyCalendarChange, finishCalendarChange, recordCalendarChange, wholeCohortChange, type NewCalendarChange } from './calendar-changes.js';
import { Cohort } from './cohort.model.js';
import { Garden, type GardenDoc } from './garden.model.js';
import { gardensCoordinatedBy } from './staff.js';
import type { GardenInput } from './schemas.js';

async function assertCoordinators(ids: string[]): Promise<Types.ObjectId[]> {
  const valid = ids.filter((id) => Types.ObjectId.isValid(id));
  const users = await rolesByIds(valid);
  if (users.length !== ids.length || users.some((u) => !u.roles.includes('coordinator'))) {
    throw new ValidationError({ coordinatorIds: 'workshops.unknownCoordinator' });
  }
  return users.map((u) => new Types.ObjectId(u.id));
}

/** Garden names are unique (index on name): a name in use, found by a check or by a lost race. */
const nameTaken = () => new ValidationError({ name: 'workshops.gardenNameTaken' });

function fields(input: GardenInput) {
  const { coordinatorIds: _ignored, ...rest } = input;
  return rest;
}

const byRegionAndName = (a: GardenDoc, b: GardenDoc) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The gardens an account may manage: all for admins, their own for coordinators (point lookups, see staff.ts). */
export async function listManagedGardens(account: AccountView) {
  const gardens = account.roles.includes('admin') ? await Garden.find({}).lean() : await gardensCoordinatedBy(account.id);
  return gardens.sort(byRegionAndName).map((g) => ({ id: String(g._id), name: g.name, region: g.region, municipality: g.municipality, rooms: g.rooms }));
}

/** Admins create gardens and bind coordinators to them. */
export async function createGarden(actor: AccountView, input: GardenInput): Promise<string> {
  if (!actor.roles.includes('admin')) throw new ForbiddenError();
  const coordinatorIds = await assertCoordinators(input.coordinatorIds);
  const garden = await unlessTaken(() => Garden.create({ ...fields(input), coordinatorIds }), () => { throw nameTaken(); });
  return String(garden._id);
}

/**
 * Coordinators edit their garden's details; only admins change who coordinates it.
 * A new name or address is in every event's location: each cohort's sessions go
 * one SEQUENCE up and their people get an update, recorded before the garden is saved.
 */
export async function updateGarden(actor: AccountView, gardenId: string, input: GardenInput, deps: { events: DomainEvents; now: () => Date }): Promise<void> {
  const garden = await assertManagesGarden(actor, gardenId);
  const update: Record<string, unknown> = fields(input);
  if (actor.roles.includes('admin')) update.coordinatorIds = await assertCoordinators(input.coordinatorIds);
  const placeChanged = input.name !== garden.name || input.address !== garden.address;
  // Checked before any change is recorded, so a refused name rarely leaves an update to announce.
  if (placeChanged && input.name !== garden.name && (await Garden.exists({ name: input.name }))) throw nameTaken();
  const changes: NewCalendarChange[] = [];
  if (placeChanged) {
    for (const cohort of await Cohort.find({ gardenId: garden._id }, { _id: 1 }).lean()) {
      const change = await wholeCohortChange(cohort._id, { gardenId: garden._id, gardenSet: { name: input.name, address: input.address } });
      if (change) changes.push(change);
    }
  }
  for (const change of changes) await recordCalendarChange(change, deps.now());
  // Fields left empty in the form are removed, not kept with their old value.
  const $set = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
  const $unset = Object.fromEntries(Object.entries(update).filter(([, v]) => v === undefined).map(([k]) => [k, 1]));
  await unlessTaken(() => Garden.updateOne({ _id: garden._id }, Object.keys($unset).length ? { $set, $unset } : { $set }), async () => {
    // Another garden took the name since the check: the recorded changes end unannounced, as nothing changed.
    for (const change of changes) await finishCalendarChange(change._id);
    throw nameTaken();
  });
  for (const change of changes) {
    await applyCalendarChange(change);
    await deps.events.publish({ type: 'calendar.changed', cohortId: String(change.cohortId), changeId: change._id });
  }
}

/** Accounts with a role, for pickers (trainers for cohorts, coordinators for gardens). */
export { accountsWithRole } from '../accounts/queries.js';
