import { EventEmitter } from 'node:events';

/** What happened in the domain; the calendar and mail components listen to these. */
export type DomainEvent =
  | { type: 'session.scheduled'; cohortId: string; sessionId: string }
  | { type: 'session.moved'; cohortId: string; sessionId: string; reason: string }
  | { type: 'session.cancelled'; cohortId: string; sessionId: string; reason: string }
  | { type: 'enrolment.changed'; cohortId: string; companyId: string; change: EnrolmentChange; reason?: string; actorId?: string };

export type EnrolmentChange = 'enrolled' | 'waitlisted' | 'promoted' | 'cancelled';

type Handler = (event: DomainEvent) => Promise<void> | void;

/** A small in-process publish/subscribe; handlers run after the change is stored. */
export class DomainEvents {
  private readonly emitter = new EventEmitter();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => undefined) {}

  subscribe(handler: Handler): void {
    this.emitter.on('event', (event: DomainEvent) => {
      const run = Promise.resolve().then(() => handler(event)).catch((error) => this.onError(error, event));
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    });
  }

  publish(event: DomainEvent): void {
    this.emitter.emit('event', event);
  }

  /** Resolves when every handler started so far has finished (tests and shutdown use it). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
