import { trusted, Types } from 'mongoose';
import type { AccountView } from '../accounts/accounts.service.js';
import { User } from '../accounts/user.model.js';
import { ForbiddenError, isDuplicateKey, ValidationError } from '../shared/errors.js';
import { assertManagesGarden } from './access.js';
import { Garden } from './garden.model.js';
import type { GardenInput } from './schemas.js';

async function assertCoordinators(ids: string[]): Promise<Types.ObjectId[]> {
  const valid = ids.filter((id) => Types.ObjectId.isValid(id));
  const users = await User.find({ _id: trusted({ $in: valid }) }, { roles: 1 }).lean();
  if (users.length !== ids.length || users.some((u) => !u.roles.includes('coordinator'))) {
    throw new ValidationError({ coordinatorIds: 'workshops.unknownCoordinator' });
  }
  return users.map((u) => u._id);
}

function fields(input: GardenInput) {
  const { coordinatorIds: _ignored, ...rest } = input;
  return rest;
}

/** The gardens an account may manage: all for admins, their own for coordinators. */
export async function listManagedGardens(account: AccountView) {
  const filter = account.roles.includes('admin') ? {} : { coordinatorIds: new Types.ObjectId(account.id) };
  const gardens = await Garden.find(filter).sort({ region: 1, name: 1 }).lean();
  return gardens.map((g) => ({ id: String(g._id), name: g.name, region: g.region, municipality: g.municipality, rooms: g.rooms }));
}

/** Admins create gardens and bind coordinators to them. */
export async function createGarden(actor: AccountView, input: GardenInput): Promise<string> {
  if (!actor.roles.includes('admin')) throw new ForbiddenError();
  const coordinatorIds = await assertCoordinators(input.coordinatorIds);
  try {
    const garden = await Garden.create({ ...fields(input), coordinatorIds });
    return String(garden._id);
  } catch (error) {
    if (isDuplicateKey(error)) throw new ValidationError({ name: 'workshops.gardenNameTaken' });
    throw error;
  }
}

/** Coordinators edit their garden's details; only admins change who coordinates it. */
export async function updateGarden(actor: AccountView, gardenId: string, input: GardenInput): Promise<void> {
  const garden = await assertManagesGarden(actor, gardenId);
  const update: Record<string, unknown> = fields(input);
  if (actor.roles.includes('admin')) update.coordinatorIds = await assertCoordinators(input.coordinatorIds);
  try {
    // Fields left empty in the form are removed, not kept with their old value.
    const $set = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
    const $unset = Object.fromEntries(Object.entries(update).filter(([, v]) => v === undefined).map(([k]) => [k, 1]));
    await Garden.updateOne({ _id: garden._id }, Object.keys($unset).length ? { $set, $unset } : { $set });
  } catch (error) {
    if (isDuplicateKey(error)) throw new ValidationError({ name: 'workshops.gardenNameTaken' });
    throw error;
  }
}

/** Accounts with a role, for pickers (trainers for cohorts, coordinators for gardens). */
export async function accountsWithRole(role: 'trainer' | 'coordinator') {
  const users = await User.find({ roles: role }, { name: 1, email: 1 }).sort({ name: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), name: u.name, email: u.email }));
}
