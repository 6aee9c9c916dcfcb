import { createRequire } from 'node:module';
import { MongoUnexpectedServerResponseError } from 'mongodb';

/**
 * The driver pairs each reply with whatever request is waiting on the socket and
 * never compares the reply's `responseTo` with the request's id. A server that
 * answers a request the driver did not expect an answer to (FerretDB answers
 * unacknowledged writes) then shifts every later reply on that connection by one:
 * one user's query returns another user's documents. This subclass checks the
 * pairing, and a connection that returns a reply to another request is closed and
 * never used again; the request fails instead of reading someone else's data.
 */

/** A reply that answers another request than the one waiting for it. */
export class ReplyMismatchError extends MongoUnexpectedServerResponseError {
  constructor(expected: number, received: number) {
    super(`reply answers request ${received}, not request ${expected}: the connection is out of step and was closed`);
  }

  override get name(): string {
    return 'ReplyMismatchError';
  }
}

interface WireMessage { requestId: number; responseTo: number; moreToCome: boolean }

/** The parts of the driver's internal Connection class this module relies on. */
interface DriverConnection {
  sendWire(message: WireMessage, options: unknown, responseType?: unknown): AsyncGenerator<unknown>;
  readMany(options: unknown): AsyncGenerator<WireMessage>;
  cleanup(error: Error): void;
}
type DriverConnectionClass = new (...args: never[]) => DriverConnection;

// The driver does not export its Connection class; its `connectionType` client option takes a subclass.
const require = createRequire(import.meta.url);
const { Connection } = require('mongodb/lib/cmap/connection.js') as { Connection: DriverConnectionClass };
if (typeof Connection?.prototype?.readMany !== 'function' || typeof Connection.prototype.sendWire !== 'function') {
  throw new Error('the MongoDB driver no longer has the Connection.sendWire/readMany this app checks replies with');
}

/** A driver connection that refuses replies whose responseTo is not the request it is waiting for. */
export class VerifiedConnection extends Connection {
  private awaitedRequestId: number | undefined;

  override async *sendWire(message: WireMessage, options: unknown, responseType?: unknown): AsyncGenerator<unknown> {
    // A request with moreToCome expects no reply at all.
    this.awaitedRequestId = message.moreToCome ? undefined : message.requestId;
    yield* super.sendWire(message, options, responseType);
  }

  override async *readMany(options: unknown): AsyncGenerator<WireMessage> {
    for await (const reply of super.readMany(options)) {
      if (this.awaitedRequestId === undefined || reply.responseTo !== this.awaitedRequestId) {
        const error = new ReplyMismatchError(this.awaitedRequestId ?? -1, reply.responseTo);
        this.cleanup(error);
        throw error;
      }
      // A streamed reply (moreToCome) is followed by one that answers it, not the request.
      if (reply.moreToCome) this.awaitedRequestId = reply.requestId;
      yield reply;
    }
  }
}
