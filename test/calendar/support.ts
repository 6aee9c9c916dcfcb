import { expect } from 'chai';
import ICAL from 'ical.js';

/** One VEVENT as the tests read it: times as UTC instants, so a wrong zone shows. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string;
  description: string;
  startUtc: string;
  endUtc: string;
  dtstamp: string;
  dtstampIsUtc: boolean;
  tzid: string | undefined;
  organizer: string;
  organizerCn: string | undefined;
  attendees: string[];
  /** Each ATTENDEE's RSVP parameter as written (undefined when absent). */
  rsvp: Array<string | undefined>;
}

export interface ParsedCalendar {
  method: string | undefined;
  name: string | undefined;
  refresh: string | undefined;
  ttl: string | undefined;
  timezones: string[];
  events: ParsedEvent[];
}

/**
 * Checks the lines (CRLF everywhere, at most 75 octets, a final CRLF), parses
 * with ical.js and registers the file's own VTIMEZONEs, so TZID times resolve
 * through what the file says rather than through anything ical.js knows.
 */
export function parseCalendar(text: string): ParsedCalendar {
  expect(text.endsWith('END:VCALENDAR\r\n'), 'final CRLF').to.equal(true);
  expect(/[^\r]\n/.test(text), 'bare LF').to.equal(false);
  for (const line of text.slice(0, -2).split('\r\n')) {
    expect(Buffer.byteLength(line, 'utf8'), `line too long: ${line}`).to.be.at.most(75);
  }
  const root = new ICAL.Component(ICAL.parse(text));
  const timezones = root.getAllSubcomponents('vtimezone').map((tz) => {
    ICAL.TimezoneService.register(tz);
    return String(tz.getFirstPropertyValue('tzid'));
  });
  const events = root.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const dtstamp = component.getFirstPropertyValue('dtstamp') as ICAL.Time | null;
    expect(dtstamp, 'DTSTAMP').to.not.equal(null);
    const organizer = component.getFirstProperty('organizer');
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status') ?? ''),
      summary: event.summary,
      location: event.location,
      description: event.description,
      startUtc: event.startDate.toJSDate().toISOString(),
      endUtc: event.endDate.toJSDate().toISOString(),
      dtstamp: dtstamp!.toString(),
      dtstampIsUtc: dtstamp!.zone === ICAL.Timezone.utcTimezone,
      tzid: component.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined,
      organizer: String(organizer?.getFirstValue() ?? ''),
      organizerCn: organizer?.getParameter('cn') as string | undefined,
      attendees: component.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase()),
      rsvp: component.getAllProperties('attendee').map((a) => a.getParameter('rsvp') as string | undefined),
    };
  });
  const value = (name: string) => (root.getFirstPropertyValue(name) as string | null) ?? undefined;
  return {
    method: value('method'), name: value('x-wr-calname'), refresh: root.getFirstProperty('refresh-interval')?.getFirstValue()?.toString(),
    ttl: root.getFirstProperty('x-published-ttl')?.getFirstValue()?.toString(), timezones, events,
  };
}
