/** What happened in the domain; the calendar and mail components listen to these. */
export type DomainEvent =
  | { type: 'session.scheduled'; cohortId: string; sessionId: string }
  // A change calendars show was recorded and stored; the mail worker tells everyone it concerns.
  | { type: 'calendar.changed'; cohortId: string; changeId: string }
  | { type: 'enrolment.changed'; cohortId: string; companyId: string; change: EnrolmentChange; reason?: string; actorId?: string };

/** 'joined': a colleague joined the company's enrolment as a participant (actorId is that person). */
export type EnrolmentChange = 'enrolled' | 'waitlisted' | 'promoted' | 'cancelled' | 'joined';

type Handler = (event: DomainEvent) => Promise<void> | void;

/**
 * A small in-process publish/subscribe. publish() awaits every handler, so what
 * a handler records (an outbox message, say) is stored before the action that
 * caused it returns to the user.
 */
export class DomainEvents {
  private readonly handlers: Handler[] = [];

  subscribe(handler: Handler): void {
    this.handlers.push(handler);
  }

  async publish(event: DomainEvent): Promise<void> {
    for (const handler of this.handlers) await handler(event);
  }
}
