import { expect } from 'chai';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { transientRetries } from '../../src/shared/db/retry-transient.js';
import { Enrolment, EnrolmentLog, Seat, WaitlistPlace } from '../../src/workshops/enrolment.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fixturePasswordHash, orgNumber, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn } from '../support/http.js';
import { makeCohort } from './fixtures.js';

/*
 * 100 company owners over 20 seats rather than the 300 of the incident: every
 * request still races for the same seats and waitlist positions (five times as
 * many companies as seats), while 300 scrypt sign-ins and some 7,000 writes on
 * one SQLite writer would take this test well past two minutes on a small machine.
 */
const COMPANIES = 100;
const CAPACITY = 20;

/** Runs `work` for each item, `width` at a time (sign-ins are CPU-bound scrypt). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

const ENROLLED = 'Bedriften er påmeldt.';
const WAITLISTED = /Kursrekken er full\. Bedriften står på venteliste som nummer (\d+)\./;

describe('workshops', () => {
  describe('enrolment over HTTP under load', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp({ LOGIN_RATE_LIMIT: String(COMPANIES * 2) }); });
    after(async () => t.close());

    it(`when ${COMPANIES} company owners enrol at once in ${CAPACITY} seats, then ${CAPACITY} are seated, nobody is left pending, and every answer is the company's final state`, async function () {
      this.timeout(240_000);
      const cohort = await makeCohort({ capacity: CAPACITY });
      const companies = await Company.insertMany(Array.from({ length: COMPANIES }, (_, i) => ({
        name: `Lastbedrift ${i + 1}`, orgNumber: orgNumber(1_000_000 + i * 13), municipality: 'Oppdal', sector: 'food', employees: 2,
      })));
      const passwordHash = await fixturePasswordHash();
      const owners = await User.insertMany(companies.map((company, i) => ({
        email: `eier-${i + 1}@example.no`, name: `Eier ${i + 1}`, passwordHash, roles: ['participant'], companyId: company._id, language: 'nb',
      })));
      const agents = await inBatches(owners, 8, (owner) => signIn(t.app, owner.email, PASSWORD));
      const page = `/workshops/${cohort._id}`;
      const tokens = await inBatches(agents, 20, async (agent) => csrfFrom((await agent.get(page).expect(200)).text));

      const retriesBefore = transientRetries();
      const started = Date.now();
      const responses = await Promise.all(agents.map((agent, i) => agent.post(`${page}/enrol`).type('form').send({ _csrf: tokens[i] })));
      const seconds = (Date.now() - started) / 1000;
      expect(responses.map((r) => r.status)).to.deep.equal(responses.map(() => 302));
      // The answer each company got: the message on the page its response leads to.
      const answers = await inBatches(agents, 20, async (agent) => (await agent.get(page).expect(200)).text);

      expect(await Seat.countDocuments({ cohortId: cohort._id })).to.equal(CAPACITY);
      expect(await Enrolment.countDocuments({ cohortId: cohort._id, status: 'pending' })).to.equal(0);
      const enrolments = new Map((await Enrolment.find({ cohortId: cohort._id }).lean()).map((e) => [String(e.companyId), e]));
      const seats = new Set((await Seat.find({ cohortId: cohort._id }).lean()).map((s) => String(s.companyId)));
      const places = await WaitlistPlace.find({ cohortId: cohort._id }).sort({ position: 1 }).lean();
      const positionOf = new Map(places.map((p) => [String(p.companyId), p.position]));
      expect(places.map((p) => p.position)).to.deep.equal(Array.from({ length: COMPANIES - CAPACITY }, (_, i) => i + 1));

      companies.forEach((company, i) => {
        const id = String(company._id);
        const answer = answers[i]!;
        const enrolment = enrolments.get(id);
        if (seats.has(id)) {
          expect(answer, company.name).to.contain(ENROLLED).and.contain('Bedriften din er påmeldt.');
          expect(enrolment?.status, company.name).to.equal('enrolled');
          expect(positionOf.has(id), company.name).to.equal(false);
        } else {
          const rank = WAITLISTED.exec(answer)?.[1];
          expect(rank, `${company.name} was told it waits`).to.not.equal(undefined);
          expect(enrolment?.status, company.name).to.equal('waitlisted');
          expect(positionOf.get(id), company.name).to.equal(Number(rank));
          expect(answer, company.name).to.contain(`Bedriften din står på venteliste som nummer ${rank}.`).and.not.contain('Bedriften din er påmeldt.');
        }
      });
      console.log(`      ${COMPANIES} enrolments over HTTP in ${seconds.toFixed(1)} s, ${transientRetries() - retriesBefore} retries after a transient database error`);
    });

    it('when an enrolment was left pending, then no page calls it enrolled, and the cohort page finishes it once the grace time is over', async () => {
      const cohort = await makeCohort({ capacity: 3 });
      const [company] = await Company.insertMany([{ name: 'Halvveis AS', orgNumber: orgNumber(7_777_777), municipality: 'Oppdal', sector: 'food', employees: 2 }]);
      const [owner] = await User.insertMany([{ email: 'halvveis@example.no', name: 'Hanne Halvveis', passwordHash: await fixturePasswordHash(), roles: ['participant'], companyId: company!._id }]);
      await Enrolment.create({ cohortId: cohort._id, companyId: company!._id, status: 'pending', participantIds: [owner!._id] });
      const agent = await signIn(t.app, owner!.email, PASSWORD);
      const page = `/workshops/${cohort._id}`;

      const early = (await agent.get(page).expect(200)).text;
      expect(early).to.contain('Påmeldingen til bedriften din er ikke ferdig behandlet ennå').and.not.contain('Bedriften din er påmeldt.');
      expect((await agent.get('/dashboard').expect(200)).text).to.contain('påmeldingen behandles');
      expect(await Seat.countDocuments({ cohortId: cohort._id })).to.equal(0);

      t.clock.advanceMinutes(1);
      const later = (await agent.get(page).expect(200)).text;
      expect(later).to.contain('Bedriften din er påmeldt.');
      expect((await Enrolment.findOne({ cohortId: cohort._id }).lean())?.status).to.equal('enrolled');
      expect(await Seat.countDocuments({ cohortId: cohort._id, companyId: company!._id })).to.equal(1);
      expect(await EnrolmentLog.countDocuments({ cohortId: cohort._id, change: 'enrolled' })).to.equal(1);
    });
  });
});
