import mongoose, { Types } from 'mongoose';
import type { CommandStartedEvent, Document } from 'mongodb';

/** One database command a page sent, reduced to what the budget judges. */
export interface RecordedCommand {
  name: string;
  collection: string;
  /** The filter of a read, update or delete; undefined for commands without one. */
  filter?: Document;
}

// Reads and writes whose filter decides how much of a collection FerretDB reads.
const FILTER_OF: Record<string, (command: Document) => Document[]> = {
  find: (c) => [c.filter ?? {}],
  count: (c) => [c.query ?? {}],
  distinct: (c) => [c.query ?? {}],
  aggregate: (c) => [(c.pipeline as Document[])[0]?.$match ?? {}],
  update: (c) => (c.updates as Document[]).map((u) => u.q as Document),
  delete: (c) => (c.deletes as Document[]).map((d) => d.q as Document),
  findAndModify: (c) => [c.query ?? {}],
};

/**
 * Records the commands the app's client sends between start() and stop(). The
 * client is created with monitorCommands (see CLIENT_OPTIONS), so each command
 * is reported before it is sent.
 */
export function recordCommands() {
  const client = mongoose.connection.getClient();
  const recorded: RecordedCommand[] = [];
  const listener = (event: CommandStartedEvent) => {
    const name = event.commandName;
    const filters = FILTER_OF[name]?.(event.command);
    const collection = String(event.command[name] ?? '');
    if (!filters) return void recorded.push({ name, collection });
    for (const filter of filters) recorded.push({ name, collection, filter });
  };
  client.on('commandStarted', listener);
  return {
    stop(): RecordedCommand[] {
      client.off('commandStarted', listener);
      return recorded;
    },
  };
}

const isScalar = (value: unknown) =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Types.ObjectId || value instanceof Date;

/**
 * Why a command would make FerretDB read a whole collection, or undefined when
 * it does not: its filter is `{_id: scalar}` (the one filter FerretDB's SQLite
 * backend pushes down), or top-level scalar equalities on a collection listed in
 * `smallEquality` (collections whose size does not grow with the programme,
 * pushed down by the PostgreSQL backend).
 */
export function scanReason(command: RecordedCommand, smallEquality: ReadonlySet<string> = new Set()): string | undefined {
  if (command.filter === undefined) return undefined;
  const keys = Object.keys(command.filter);
  if (keys.length === 1 && keys[0] === '_id' && isScalar(command.filter._id)) return undefined;
  const equalities = keys.length > 0 && keys.every((key) => !key.startsWith('$') && isScalar(command.filter![key]));
  if (equalities && smallEquality.has(command.collection)) return undefined;
  return `${command.name} ${command.collection} ${JSON.stringify(command.filter)}`;
}

// Fields under a unique index that hold strings: a copy changes them so it can be stored.
const UNIQUE_STRINGS = new Set(['email', 'orgNumber', 'name', 'key', 'hash', 'slot', 'publicId', 'filename']);

function orphanCopy(value: unknown, copy: number, field?: string): unknown {
  if (value instanceof Types.ObjectId) return new Types.ObjectId();
  if (Array.isArray(value)) return value.map((item) => orphanCopy(item, copy));
  if (typeof value === 'string' && (field === '_id' || (field && UNIQUE_STRINGS.has(field)))) return `${value}~${copy}`;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, orphanCopy(item, copy, key)]));
  }
  return value;
}

/**
 * Adds `times` copies of every document of every collection, each ObjectId
 * replaced by a new one: other gardens', companies' and people's data that
 * references nothing a page asks for. A page whose cost stays the same after
 * this does not read what is not its own.
 */
export async function padWithOrphans(times: number): Promise<number> {
  const db = mongoose.connection.db!;
  let added = 0;
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.startsWith('system.')) continue;
    const collection = db.collection(name);
    const documents = await collection.find({}).toArray();
    for (let copy = 1; copy <= times; copy += 1) {
      const copies = documents.map((document) => orphanCopy(document, copy) as Document);
      for (let i = 0; i < copies.length; i += 500) await collection.insertMany(copies.slice(i, i + 500));
      added += copies.length;
    }
  }
  return added;
}
