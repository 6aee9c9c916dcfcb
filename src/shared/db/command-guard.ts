import { MongoUnexpectedServerResponseError, type CommandFailedEvent, type CommandStartedEvent, type MongoClient } from 'mongodb';

/**
 * A write sent without acknowledgement (`w: 0`). FerretDB answers it anyway, and
 * the driver then hands that answer to the next request on the connection: every
 * later reply goes to the wrong request. Such writes are refused before they leave.
 */
export class UnacknowledgedWriteError extends Error {
  constructor(readonly commandName: string) {
    super(`refused an unacknowledged ${commandName} (writeConcern w: 0): every write must be acknowledged`);
    this.name = 'UnacknowledgedWriteError';
  }
}

/**
 * True for a command that asks the server not to reply. The driver's own
 * endSessions is left alone: only client.close() sends it, and the close drops
 * every connection right after, so no later request can read its reply.
 */
export function isUnacknowledged(command: Record<string, unknown>): boolean {
  if ('endSessions' in command) return false;
  const concern = command.writeConcern as { w?: unknown } | undefined;
  return concern?.w === 0 || concern?.w === '0';
}

/** True for an error that means the connection's replies cannot be trusted any more. */
export function isWireProtocolError(error: unknown): boolean {
  return error instanceof MongoUnexpectedServerResponseError;
}

interface DriverPool { clear(options?: object): void; ready(): void }
interface PoolHolder { topology?: { s?: { servers?: Map<string, { pool?: DriverPool }> } } }

/**
 * Retires every pooled connection of the client: idle ones at once, busy ones
 * when their request ends. The server itself still answers, so the pool opens
 * again at once and the next request gets a new connection (a plain clear would
 * refuse requests until the next heartbeat).
 */
export function clearConnectionPools(client: MongoClient): void {
  for (const server of (client as unknown as PoolHolder).topology?.s?.servers?.values() ?? []) {
    server.pool?.clear();
    server.pool?.ready();
  }
}

export interface CommandGuardOptions {
  /** Told of each refused write and each wire-protocol error, for the log. */
  onIncident?: (incident: { kind: 'unacknowledged-write' | 'wire-protocol-error'; commandName: string; error: Error }) => void;
}

/**
 * Watches every command the client sends (the client must be created with
 * monitorCommands). An unacknowledged write is refused: the listener throws, and
 * the driver raises it before writing the command. After a wire-protocol error
 * every pooled connection is dropped, so the next request runs on a fresh one.
 */
export function guardCommands(client: MongoClient, options: CommandGuardOptions = {}): () => void {
  const onStarted = (event: CommandStartedEvent) => {
    if (!isUnacknowledged(event.command)) return;
    const error = new UnacknowledgedWriteError(event.commandName);
    options.onIncident?.({ kind: 'unacknowledged-write', commandName: event.commandName, error });
    throw error;
  };
  const onFailed = (event: CommandFailedEvent) => {
    if (!isWireProtocolError(event.failure)) return;
    clearConnectionPools(client);
    options.onIncident?.({ kind: 'wire-protocol-error', commandName: event.commandName, error: event.failure });
  };
  client.on('commandStarted', onStarted);
  client.on('commandFailed', onFailed);
  return () => {
    client.off('commandStarted', onStarted);
    client.off('commandFailed', onFailed);
  };
}
