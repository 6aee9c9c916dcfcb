import { expect } from 'chai';
import { easterSunday, holidayOn } from '../../src/workshops/holidays.js';
import { defaultStartDate, osloInterval, proposeSessions } from '../../src/workshops/schedule.js';

describe('workshops', () => {
  describe('easterSunday', () => {
    for (const [year, date] of [[2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'], [2038, '2038-04-25']] as const) {
      it(`when the year is ${year}, then Easter Sunday is ${date}`, () => expect(easterSunday(year)).to.equal(date));
    }
  });

  describe('holidayOn', () => {
    it('when the date is a fixed or an Easter-based holiday, then it is named', () => {
      expect(holidayOn('2026-05-17')).to.equal('Grunnlovsdag');
      expect(holidayOn('2027-03-25')).to.equal('Skjærtorsdag');
      expect(holidayOn('2027-05-06')).to.equal('Kristi himmelfartsdag');
      expect(holidayOn('2027-05-17')).to.equal('Grunnlovsdag / Andre pinsedag');
      expect(holidayOn('2027-03-24')).to.equal(undefined);
    });
  });

  describe('defaultStartDate', () => {
    it('when four weeks ahead is an ordinary day, then the first afternoon is proposed then', () => {
      expect(defaultStartDate(new Date('2027-02-01T10:00:00Z'))).to.equal('2027-03-01');
    });

    it('when four weeks ahead falls in the Christmas break, then the first day after it is proposed instead', () => {
      expect(defaultStartDate(new Date('2026-12-01T10:00:00Z'))).to.equal('2027-01-04');
      expect(defaultStartDate(new Date('2026-12-05T10:00:00Z'))).to.equal('2027-01-04');
      expect(defaultStartDate(new Date('2026-11-20T10:00:00Z'))).to.equal('2026-12-18');
    });

    it('when four weeks ahead is a public holiday, then the next ordinary weekday is proposed', () => {
      // 2027: Maundy Thursday 25 March, Good Friday 26 March, then the weekend and Easter Monday 29 March.
      expect(defaultStartDate(new Date('2027-02-25T10:00:00Z'))).to.equal('2027-03-30');
      expect(defaultStartDate(new Date('2027-04-19T10:00:00Z'))).to.equal('2027-05-18');
    });

    it('when four weeks ahead is a weekend, then the Monday after is proposed', () => {
      expect(defaultStartDate(new Date('2027-02-06T10:00:00Z'))).to.equal('2027-03-08');
    });
  });

  describe('proposeSessions', () => {
    it('when a Thursday series crosses Easter and Ascension, then those Thursdays are skipped', () => {
      // 2027: Maundy Thursday 25 March, Ascension Thursday 6 May.
      const dates = proposeSessions('2027-03-11').map((s) => s.date);
      expect(dates).to.deep.equal(['2027-03-11', '2027-03-18', '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-22']);
      const later = proposeSessions('2027-04-22').map((s) => s.date);
      expect(later).to.deep.equal(['2027-04-22', '2027-04-29', '2027-05-13', '2027-05-20', '2027-05-27', '2027-06-03']);
    });

    it('when a Monday series crosses 17 May and Whit Monday, then both are skipped and named', () => {
      // 2027: 17 May is a Monday, and Whit Monday is 17 May too; 2026: 17 May is a Sunday.
      const proposal = proposeSessions('2027-05-03');
      expect(proposal.map((s) => s.date)).to.deep.equal(['2027-05-03', '2027-05-10', '2027-05-24', '2027-05-31', '2027-06-07', '2027-06-14']);
      expect(proposal[2]!.skipped).to.deep.equal([{ date: '2027-05-17', holiday: 'Grunnlovsdag / Andre pinsedag' }]);
    });

    it('when nothing is said about times, then afternoons run 16:00–19:00 in Norwegian time', () => {
      const [first] = proposeSessions('2027-01-14');
      expect(first).to.include({ start: '16:00', end: '19:00' });
      const { startsAt } = osloInterval('2027-01-14', '16:00', '19:00');
      expect(startsAt.toISOString()).to.equal('2027-01-14T15:00:00.000Z');
      expect(osloInterval('2027-06-10', '16:00', '19:00').startsAt.toISOString()).to.equal('2027-06-10T14:00:00.000Z');
    });
  });
});
