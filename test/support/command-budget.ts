import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';

/**
 * Counts the database commands a piece of work sends, by the driver's command
 * monitoring (the app's client is created with monitorCommands), and names the
 * filter of each. FerretDB's SQLite backend sends a filter to SQL only when it
 * is exactly {_id: value}; any other filter reads and decodes the whole
 * collection, so a page's cost then grows with data that is not its own.
 */

export interface RecordedCommand {
  name: string;
  collection: string;
  /** The filter of a read, update or delete; undefined for commands that have none (insert, getMore). */
  filter?: Record<string, unknown>;
}

/** Commands that carry a filter, and where it sits in the command document. */
function filtersOf(event: CommandStartedEvent): Array<Record<string, unknown>> | undefined {
  type Filter = Record<string, unknown>;
  const c = event.command as { filter?: Filter; query?: Filter; pipeline?: Array<{ $match?: Filter }>; updates?: Array<{ q: Filter }>; deletes?: Array<{ q: Filter }> };
  switch (event.commandName) {
    case 'find': return [c.filter ?? {}];
    case 'count': case 'distinct': case 'findAndModify': return [c.query ?? {}];
    // A pipeline that does not start with $match reads every document.
    case 'aggregate': return [c.pipeline?.[0]?.$match ?? {}];
    case 'update': return (c.updates ?? []).map((u) => u.q);
    case 'delete': return (c.deletes ?? []).map((d) => d.q);
    default: return undefined;
  }
}

// The driver's own chatter, which no page asks for.
const IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo']);

/** Runs `work` and returns what it resolved with and every command the app's client sent meanwhile. */
export async function recordCommands<T>(work: () => Promise<T>): Promise<{ result: T; commands: RecordedCommand[] }> {
  const client = mongoose.connection.getClient();
  const commands: RecordedCommand[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (IGNORED.has(event.commandName)) return;
    const collection = String((event.command as Record<string, unknown>)[event.commandName] ?? '');
    const filters = filtersOf(event);
    if (!filters) commands.push({ name: event.commandName, collection });
    else for (const filter of filters) commands.push({ name: event.commandName, collection, filter });
  };
  client.on('commandStarted', listener);
  try {
    return { result: await work(), commands };
  } finally {
    client.off('commandStarted', listener);
  }
}

const isScalar = (value: unknown) => ['string', 'number'].includes(typeof value)
  || (typeof value === 'object' && value !== null && (value as { _bsontype?: string })._bsontype === 'ObjectId');

/** `{_id: scalar}` and nothing else: the only filter FerretDB's SQLite backend answers without a scan. */
export function isPointLookup(filter: Record<string, unknown>): boolean {
  const keys = Object.keys(filter);
  return keys.length === 1 && keys[0] === '_id' && isScalar(filter._id);
}

/** The commands whose filter is not a point lookup: each reads its whole collection on FerretDB/SQLite. */
export function scansAmong(commands: RecordedCommand[]): RecordedCommand[] {
  return commands.filter((c) => c.filter !== undefined && !isPointLookup(c.filter));
}

/** One line per command, for failure messages: "find cohorts {"_id":"…"}". */
export function describeCommands(commands: RecordedCommand[]): string {
  return commands.map((c) => `${c.name} ${c.collection}${c.filter ? ` ${JSON.stringify(c.filter)}` : ''}`).join('\n');
}
