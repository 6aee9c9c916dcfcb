import { Types } from 'mongoose';
import { scopes, type ChangeNotes } from '../shared/db/change-notes.js';

// Kept apart from staff.ts, which reads the models that register these notes.

/** The ids a write puts in a list field: one id, a list, or `{$each: [...]}` under `$addToSet`/`$push`. */
function idsIn(value: unknown): string[] {
  if (value instanceof Types.ObjectId || typeof value === 'string') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object' && '$each' in value) return idsIn((value as { $each: unknown }).$each);
  return [];
}

/**
 * Change notes for every id a write names in `field`, one scope each. A write that does not name the field is
 * not noted, so a cache built on these notes lists a superset (see staff.ts): readers check each row by `_id`.
 */
export const notesOfIdsIn = (field: string, scope: (id: string) => string): ChangeNotes => ({ scopesOf: (row) => idsIn(row[field]).map(scope) });

/** Change notes for a model whose `field` lists staff: every person a write names there. */
export const staffNotes = (field: string): ChangeNotes => notesOfIdsIn(field, scopes.staff);
