import { Types, type Query, type Schema } from 'mongoose';
import { noteChange } from './fresh-cache.js';

/** The scopes of rows that caches depend on (see fresh-cache.ts); one spelling for writers and readers. */
export const scopes = {
  /** Everything about one cohort's sessions, enrolments, marks and strategies. */
  cohort: (cohortId: unknown) => `cohort:${String(cohortId)}`,
  /** One cohort's sessions only (a session's write notes `cohort` too): lists of sessions need not be rebuilt for every mark. */
  sessions: (cohortId: unknown) => `sessions:${String(cohortId)}`,
  /** The cohorts of one garden. */
  garden: (gardenId: unknown) => `garden:${String(gardenId)}`,
  /** The cohorts one person teaches and the gardens they coordinate. */
  staff: (personId: unknown) => `staff:${String(personId)}`,
  /** The enrolments of one company. */
  company: (companyId: unknown) => `company:${String(companyId)}`,
  /** The enrolments that list one person as a participant. */
  participant: (personId: unknown) => `participant:${String(personId)}`,
  /** Self-paced strategies (no cohort) and the reviewers assigned to them. */
  selfPaced: 'self-paced',
  /** Names and email addresses of people and companies, which pages show beside their rows. */
  people: 'people',
} as const;

type Row = Record<string, unknown>;

const isId = (value: unknown): value is string | Types.ObjectId => typeof value === 'string' || value instanceof Types.ObjectId;

/** Scopes named by one id field of a row, e.g. byField('cohortId', scopes.cohort); undefined when the field holds no single id. */
export const byField = (field: string, scope: (id: string) => string) => (row: Row): string[] | undefined => {
  const value = row[field];
  return isId(value) ? [scope(String(value))] : undefined;
};

export interface ChangeNotes {
  /** The scopes a row belongs to; undefined when `row` lacks the fields that say (the stored rows are read then). */
  scopesOf: (row: Row) => string[] | undefined | Promise<string[] | undefined>;
  /** Only writes that set one of these fields are noted, and inserts are not (nothing can show a row not yet stored). */
  onlyFields?: string[];
}

const QUERY_WRITES = ['updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete'] as const;

/** The fields an update sets, whether as { field } or under an operator such as $set or $addToSet. */
function fieldsOf(update: Row): Row {
  const fields: Row = {};
  for (const [key, value] of Object.entries(update ?? {})) {
    if (key.startsWith('$') && value && typeof value === 'object') Object.assign(fields, value);
    else fields[key] = value;
  }
  return fields;
}

/**
 * Notes a change of the affected scopes after every write through the model's
 * methods (create/save, insertMany, update…, delete…, findOneAnd…), so no
 * writer can forget to. When the filter and update do not name the scope
 * (e.g. an update by _id), the matching rows are read first. Writes straight
 * to the collection (Model.collection) are not noted.
 */
export function noteChangesOf(schema: Schema, notes: ChangeNotes): void {
  const pending = new WeakMap<object, string[]>();
  const touches = (fields: Row) => !notes.onlyFields || notes.onlyFields.some((f) => f in fields);

  schema.pre('save', function () {
    const relevant = !notes.onlyFields || (!this.isNew && notes.onlyFields.some((f) => this.isModified(f)));
    pending.set(this, relevant ? [] : ['-']);
  });
  schema.post('save', async function () {
    if (pending.get(this)?.[0] === '-') return;
    await noteChange((await notes.scopesOf(this.toObject())) ?? []);
  });
  schema.post('insertMany', async function (docs: unknown) {
    if (notes.onlyFields) return;
    const rows = (Array.isArray(docs) ? docs : [docs]).map((d: { toObject?: () => Row }) => (d.toObject ? d.toObject() : d as Row));
    const all = await Promise.all(rows.map((row) => notes.scopesOf(row)));
    await noteChange(all.flatMap((s) => s ?? []));
  });

  for (const operation of QUERY_WRITES) {
    schema.pre(operation, async function (this: Query<unknown, unknown>) {
      const filter = this.getFilter() as Row;
      const set = fieldsOf((this.getUpdate() ?? {}) as Row);
      if (!operation.includes('elete') && !touches(set)) return;
      const named = await notes.scopesOf({ ...filter, ...set });
      if (named) return void pending.set(this, named);
      const rows = await this.model.find(filter).lean<Row[]>();
      const found = await Promise.all(rows.map((row) => notes.scopesOf(row)));
      pending.set(this, found.flatMap((s) => s ?? []));
    });
    schema.post(operation, async function (this: Query<unknown, unknown>) {
      const affected = pending.get(this);
      if (affected?.length) await noteChange(affected);
    });
  }
}
