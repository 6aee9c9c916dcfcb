import mongoose, { Types } from 'mongoose';
import type { CommandStartedEvent, Document } from 'mongodb';

/**
 * Counts the database commands a piece of work sends, by the driver's command monitoring (the app's
 * client is created with monitorCommands, see CLIENT_OPTIONS), and names the filter of each.
 * FerretDB's SQLite backend sends a filter to SQL only when it is exactly {_id: value}; any other
 * filter reads and decodes the whole collection, so a page's cost then grows with data that is not its own.
 */

/** One database command a page sent, reduced to what the budget judges. */
export interface RecordedCommand {
  name: string;
  collection: string;
  /** The filter of a read, update or delete; undefined for commands that have none (insert, getMore). */
  filter?: Document;
}

// Reads and writes whose filter decides how much of a collection FerretDB reads.
const FILTER_OF: Record<string, (command: Document) => Document[]> = {
  find: (c) => [c.filter ?? {}],
  count: (c) => [c.query ?? {}],
  distinct: (c) => [c.query ?? {}],
  // A pipeline that does not start with $match reads every document.
  aggregate: (c) => [(c.pipeline as Document[])[0]?.$match ?? {}],
  update: (c) => (c.updates as Document[]).map((u) => u.q as Document),
  delete: (c) => (c.deletes as Document[]).map((d) => d.q as Document),
  findAndModify: (c) => [c.query ?? {}],
};

// The driver's own chatter, which no page asks for.
const IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo']);

/** Starts recording the commands the app's client sends; stop() ends it and returns them. */
export function startRecording(): { stop(): RecordedCommand[] } {
  const client = mongoose.connection.getClient();
  const recorded: RecordedCommand[] = [];
  const listener = (event: CommandStartedEvent) => {
    const name = event.commandName;
    if (IGNORED.has(name)) return;
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

/** Runs `work` and returns what it resolved with and every command the app's client sent meanwhile. */
export async function recordCommands<T>(work: () => Promise<T>): Promise<{ result: T; commands: RecordedCommand[] }> {
  const recorder = startRecording();
  try {
    const result = await work();
    return { result, commands: recorder.stop() };
  } catch (error) {
    recorder.stop(); // a failed test leaves no listener behind
    throw error;
  }
}

const isScalar = (value: unknown) =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Types.ObjectId || value instanceof Date;

/** `{_id: scalar}` and nothing else: the only filter FerretDB's SQLite backend answers without a scan. */
export function isPointLookup(filter: Document): boolean {
  const keys = Object.keys(filter);
  return keys.length === 1 && keys[0] === '_id' && isScalar(filter._id);
}

/**
 * Why a command would make FerretDB read a whole collection, or undefined when it does not: its
 * filter is a point lookup, or top-level scalar equalities on a collection listed in `smallEquality`
 * (collections whose size does not grow with the programme, pushed down by the PostgreSQL backend).
 */
export function scanReason(command: RecordedCommand, smallEquality: ReadonlySet<string> = new Set()): string | undefined {
  if (command.filter === undefined || isPointLookup(command.filter)) return undefined;
  const keys = Object.keys(command.filter);
  const equalities = keys.length > 0 && keys.every((key) => !key.startsWith('$') && isScalar(command.filter![key]));
  if (equalities && smallEquality.has(command.collection)) return undefined;
  return `${command.name} ${command.collection} ${JSON.stringify(command.filter)}`;
}

/** The commands whose filter is not a point lookup: each reads its whole collection on FerretDB/SQLite. */
export function scansAmong(commands: RecordedCommand[]): RecordedCommand[] {
  return commands.filter((c) => scanReason(c) !== undefined);
}

/** One line per command, for failure messages: "find cohorts {"_id":"…"}". */
export function describeCommands(commands: RecordedCommand[]): string {
  return commands.map((c) => `${c.name} ${c.collection}${c.filter ? ` ${JSON.stringify(c.filter)}` : ''}`).join('\n');
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
 * Adds `times` copies of every document of every collection, each ObjectId replaced by a new one:
 * other gardens', companies' and people's data that references nothing a page asks for. A page
 * whose cost stays the same after this does not read what is not its own.
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
