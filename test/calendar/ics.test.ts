import { expect } from 'chai';
import { DateTime } from 'luxon';
import {
  addressOf, cleanCalendarName, cohortCalendar, gardenFeed, personFeed, sessionCalendar, sessionUid, type CalendarSession,
} from '../../src/calendar/ics.js';
import { parseCalendar } from './support.js';

const oslo = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Oslo' }).toJSDate();
const stamp = new Date('2027-01-15T09:30:00Z');
const organizer = { name: 'Kari Koordinator', email: 'kurs@hage.no' };
const attendee = { name: 'Ola Nordmann', email: 'ola@bedrift.no' };

function session(id: string, start: string, end: string, overrides: Partial<CalendarSession> = {}): CalendarSession {
  return {
    uid: sessionUid(id, 'https://kurs.example.no'), sequence: 0, startsAt: oslo(start), endsAt: oslo(end), cancelled: false,
    summary: 'Digital strategi våren 2027: samling 1 – Digitale muligheter', location: 'Oppdal Næringshage, Storsalen, Storgata 1, 7340 Oppdal',
    description: 'Modul 1 av 6: Digitale muligheter\nKursrekken: https://kurs.example.no/workshops/c1', url: 'https://kurs.example.no/workshops/c1',
    organizer, ...overrides,
  };
}

describe('calendar', () => {
  describe('sessionUid', () => {
    it('when a session is named, then its UID is stable and carries the host of BASE_URL', () => {
      expect(sessionUid('abc', 'https://kurs.example.no:8443/x')).to.equal('session-abc@kurs.example.no');
      expect(sessionUid('abc', 'https://kurs.example.no')).to.equal(sessionUid('abc', 'https://kurs.example.no'));
    });
  });

  describe('times around the clock changes', () => {
    const cases = [
      { what: 'Friday before summer time (26 March 2027)', start: '2027-03-26T16:00', utc: '2027-03-26T15:00:00.000Z' },
      { what: 'Monday after summer time began (29 March 2027)', start: '2027-03-29T16:00', utc: '2027-03-29T14:00:00.000Z' },
      { what: 'Thursday before winter time (28 October 2027)', start: '2027-10-28T16:00', utc: '2027-10-28T14:00:00.000Z' },
      { what: 'Monday after winter time began (1 November 2027)', start: '2027-11-01T16:00', utc: '2027-11-01T15:00:00.000Z' },
    ];
    for (const c of cases) {
      it(`when a session is on the ${c.what} at 16:00 in Oslo, then it starts at ${c.utc}`, () => {
        const text = sessionCalendar(session('s1', c.start, c.start.replace('16:00', '19:00')), { stamp });
        const calendar = parseCalendar(text);
        expect(calendar.timezones).to.deep.equal(['Europe/Oslo']);
        expect(calendar.events[0]!.tzid).to.equal('Europe/Oslo');
        expect(calendar.events[0]!.startUtc).to.equal(c.utc);
        expect(calendar.events[0]!.endUtc).to.equal(new Date(new Date(c.utc).getTime() + 3 * 3_600_000).toISOString());
      });
    }
  });

  describe('downloads (PUBLISH)', () => {
    it('when a cohort is downloaded, then METHOD:PUBLISH, no ATTENDEE, DTSTAMP in UTC and cancelled sessions marked', () => {
      const text = cohortCalendar('Digital strategi våren 2027', [
        session('s1', '2027-03-11T16:00', '2027-03-11T19:00'),
        session('s2', '2027-03-18T16:00', '2027-03-18T19:00', { cancelled: true, sequence: 1 }),
      ], { stamp });
      const calendar = parseCalendar(text);
      expect(calendar.method).to.equal('PUBLISH');
      expect(calendar.name).to.equal('Digital strategi våren 2027');
      expect(calendar.events.map((e) => [e.uid, e.sequence, e.status])).to.deep.equal([
        ['session-s1@kurs.example.no', 0, 'CONFIRMED'], ['session-s2@kurs.example.no', 1, 'CANCELLED'],
      ]);
      for (const event of calendar.events) {
        expect(event.attendees).to.deep.equal([]);
        expect(event.dtstampIsUtc).to.equal(true);
        expect(event.dtstamp).to.equal('2027-01-15T09:30:00Z');
        expect(event.organizer).to.equal('mailto:kurs@hage.no');
      }
      expect(calendar.events[0]!.location).to.equal('Oppdal Næringshage, Storsalen, Storgata 1, 7340 Oppdal');
      expect(calendar.events[0]!.description).to.contain('https://kurs.example.no/workshops/c1');
    });

    it('when a calendar name holds a newline, then X-WR-CALNAME is one clean line', () => {
      const calendar = parseCalendar(cohortCalendar('Vår\r\nkurs\t2027', [session('s1', '2027-03-11T16:00', '2027-03-11T19:00')], { stamp }));
      expect(calendar.name).to.equal('Vår kurs 2027');
      expect(cleanCalendarName(' a\nb ')).to.equal('a b');
    });
  });

  describe('feeds', () => {
    it('when a person or garden feed is made, then it is PUBLISH with a name and a refresh interval', () => {
      for (const feed of [personFeed, gardenFeed]) {
        const calendar = parseCalendar(feed('Digital Afternoons – Ola', [session('s1', '2027-03-11T16:00', '2027-03-11T19:00')], { stamp, refreshMinutes: 60 }));
        expect(calendar.method).to.equal('PUBLISH');
        expect(calendar.name).to.equal('Digital Afternoons – Ola');
        expect(calendar.refresh).to.equal('PT1H');
        expect(calendar.ttl).to.equal('PT1H');
        expect(calendar.events[0]!.attendees).to.deep.equal([]);
      }
    });

    it('when a feed has no sessions, then it is still a valid calendar with its timezone', () => {
      const calendar = parseCalendar(personFeed('Tom', [], { stamp, refreshMinutes: 60 }));
      expect(calendar.events).to.deep.equal([]);
      expect(calendar.timezones).to.deep.equal(['Europe/Oslo']);
    });
  });

  describe('emailed invitations', () => {
    it('when a cohort invite is made, then METHOD:REQUEST, an ORGANIZER and the ATTENDEE, and cancelled sessions left out', () => {
      const text = cohortCalendar('Kurs', [
        session('s1', '2027-03-11T16:00', '2027-03-11T19:00', { sequence: 2 }),
        session('s2', '2027-03-18T16:00', '2027-03-18T19:00', { cancelled: true }),
      ], { stamp, invitation: { method: 'REQUEST', attendee } });
      const calendar = parseCalendar(text);
      expect(calendar.method).to.equal('REQUEST');
      expect(calendar.name).to.equal(undefined);
      expect(calendar.events).to.have.length(1);
      expect(calendar.events[0]).to.include({ uid: 'session-s1@kurs.example.no', sequence: 2, status: 'CONFIRMED', organizer: 'mailto:kurs@hage.no' });
      expect(calendar.events[0]!.attendees).to.deep.equal(['mailto:ola@bedrift.no']);
      // The organiser is a no-reply address, so no answer is asked for.
      expect(calendar.events[0]!.rsvp).to.deep.equal(['FALSE']);
      expect(text).to.not.match(/RSVP=TRUE/);
    });

    it('when a session is cancelled by email, then METHOD:CANCEL, the same UID and STATUS:CANCELLED', () => {
      const text = sessionCalendar(session('s1', '2027-03-11T16:00', '2027-03-11T19:00', { sequence: 3, cancelled: true }), { stamp, invitation: { method: 'CANCEL', attendee } });
      const calendar = parseCalendar(text);
      expect(calendar.method).to.equal('CANCEL');
      expect(calendar.events[0]).to.include({ uid: 'session-s1@kurs.example.no', sequence: 3, status: 'CANCELLED' });
      expect(calendar.events[0]!.attendees).to.deep.equal(['mailto:ola@bedrift.no']);
    });

    it('when names hold quotes, commas or non-ASCII letters, then CN is quoted without the quotes and parses', () => {
      const text = sessionCalendar(session('s1', '2027-03-11T16:00', '2027-03-11T19:00', { organizer: { name: 'Kari "Kaia" Ødegård, Oppdal', email: 'kurs@hage.no' } }),
        { stamp, invitation: { method: 'REQUEST', attendee: { name: 'Åse "Boss" Bø^n', email: 'ase@bedrift.no' } } });
      const calendar = parseCalendar(text);
      expect(calendar.events[0]!.organizerCn).to.equal('Kari Kaia Ødegård, Oppdal');
      expect(text.replace(/\r\n /g, '')).to.contain('CN="Åse Boss Bøn":MAILTO:ase@bedrift.no');
    });

    it('when a long description with Norwegian letters is folded, then no line passes 75 octets and the text survives', () => {
      const description = `${'Ærlig talt, øving gir ålreite resultater. '.repeat(8)}\nhttps://kurs.example.no/workshops/c1`;
      const calendar = parseCalendar(sessionCalendar(session('s1', '2027-03-11T16:00', '2027-03-11T19:00', { description }), { stamp }));
      expect(calendar.events[0]!.description).to.equal(description);
    });
  });

  describe('addressOf', () => {
    it('when MAIL_FROM has a display name, then the address is taken from the brackets', () => {
      expect(addressOf('Digital Afternoons <no-reply@da.no>')).to.equal('no-reply@da.no');
      expect(addressOf('kurs@da.no')).to.equal('kurs@da.no');
    });
  });
});
