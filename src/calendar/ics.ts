import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { NORWAY_ZONE } from '../shared/i18n/format.js';

/** Every time in our calendars is wall-clock time in Norway, with its VTIMEZONE in the file. */

export interface CalendarPerson {
  name: string;
  email: string;
}

/** One workshop session as a calendar event, every text already in the reader's language. */
export interface CalendarSession {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  summary: string;
  location: string;
  description: string;
  url: string;
  organizer: CalendarPerson;
}

/** An emailed invitation (iTIP): REQUEST for invites and updates, CANCEL to take events away. */
export interface Invitation {
  method: 'REQUEST' | 'CANCEL';
  attendee: CalendarPerson;
}

export interface CalendarOptions {
  /** DTSTAMP: when this calendar was made. */
  stamp: Date;
  /** Present only for email; downloads and feeds are published (METHOD:PUBLISH, no ATTENDEE). */
  invitation?: Invitation;
}

export interface FeedOptions {
  stamp: Date;
  /** How often subscribers should fetch the feed again. */
  refreshMinutes: number;
}

/** The stable UID of a session, the same in every invite, update, cancellation, download and feed. */
export function sessionUid(sessionId: string, baseUrl: string): string {
  return `session-${sessionId}@${new URL(baseUrl).hostname}`;
}

/** The address part of "Name <address>" (or the whole value when it is a bare address). */
export function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** A calendar name on one line, without control characters (clients show X-WR-CALNAME verbatim). */
export function cleanCalendarName(name: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

// Building a VTIMEZONE is costly and its rules never change while the process runs: build each once.
const zoneComponents = new Map<string, string>();
const zoneComponent = (zone: string): string => {
  if (!zoneComponents.has(zone)) zoneComponents.set(zone, getVtimezoneComponent(zone) ?? '');
  return zoneComponents.get(zone)!;
};
const vtimezone = () => zoneComponent(NORWAY_ZONE);

// ical-generator 10.2 escapes quotes in CN as \" (not RFC 6868), and ^ would start an RFC 6868 escape: leave both out.
const cleanCn = (name: string) => cleanCalendarName(name).replace(/["^]/g, '');

/** One session's calendar: a download (PUBLISH) or, with an invitation, an emailed REQUEST or CANCEL. */
export function sessionCalendar(session: CalendarSession, options: CalendarOptions): string {
  return render({ sessions: [session], ...options });
}

/** A cohort's sessions in one calendar: the cohort download, or one emailed invite carrying every session. */
export function cohortCalendar(cohortTitle: string, sessions: CalendarSession[], options: CalendarOptions): string {
  return render({ name: options.invitation ? undefined : cohortTitle, sessions, ...options });
}

/** A person's subscribable feed: every session of the cohorts they take part in. */
export function personFeed(name: string, sessions: CalendarSession[], options: FeedOptions): string {
  return render({ name, sessions, stamp: options.stamp, refreshMinutes: options.refreshMinutes });
}

/** A garden's subscribable feed for its coordinators and trainers: every session of its cohorts. */
export function gardenFeed(name: string, sessions: CalendarSession[], options: FeedOptions): string {
  return render({ name, sessions, stamp: options.stamp, refreshMinutes: options.refreshMinutes });
}

interface RenderInput extends CalendarOptions {
  name?: string;
  sessions: CalendarSession[];
  refreshMinutes?: number;
}

/**
 * The one place that writes iCalendar. REQUEST leaves cancelled sessions out
 * (STATUS:CANCELLED under REQUEST removes nothing in clients); CANCEL marks every
 * event cancelled; PUBLISH shows cancelled sessions as cancelled.
 */
function render(input: RenderInput): string {
  const method = input.invitation?.method ?? 'PUBLISH';
  const calendar = ical({
    prodId: { company: 'Digital Afternoons', product: 'Workshops', language: 'NB' },
    method: ICalCalendarMethod[method],
  });
  // A calendar-level timezone name would put DTSTAMP in local time; events name their zone instead.
  calendar.timezone({ name: null, generator: zoneComponent });
  if (input.name) calendar.name(cleanCalendarName(input.name));
  if (input.refreshMinutes) calendar.ttl(input.refreshMinutes * 60);
  const sessions = method === 'REQUEST' ? input.sessions.filter((s) => !s.cancelled) : input.sessions;
  for (const session of sessions) {
    const cancelled = method === 'CANCEL' || session.cancelled;
    calendar.createEvent({
      id: session.uid,
      sequence: session.sequence,
      stamp: input.stamp,
      start: DateTime.fromJSDate(session.startsAt, { zone: NORWAY_ZONE }),
      end: DateTime.fromJSDate(session.endsAt, { zone: NORWAY_ZONE }),
      timezone: NORWAY_ZONE,
      summary: session.summary,
      location: session.location,
      description: session.description,
      url: session.url,
      organizer: { name: cleanCn(session.organizer.name), email: session.organizer.email },
      attendees: input.invitation ? [{
        name: cleanCn(input.invitation.attendee.name), email: input.invitation.attendee.email,
        // The organiser's address is a no-reply one: a reply would go nowhere, so none is asked for (RSVP=FALSE).
        role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false,
      }] : [],
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  let text = calendar.toString();
  // A calendar needs at least one component: an empty feed still carries its timezone.
  if (!sessions.length) text = text.replace(/END:VCALENDAR$/, `${vtimezone().replace(/\r?\n/g, '\r\n')}END:VCALENDAR`);
  // ical-generator folds lines and uses CRLF but leaves out the final CRLF.
  return `${text}\r\n`;
}
