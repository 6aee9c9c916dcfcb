import { expect } from 'chai';
import mongoose from 'mongoose';
import type { AttendanceStatus } from '../../src/attendance/attendance.model.js';
import { recordMark } from '../../src/attendance/marks.js';
import { attendanceSummary, companyMeetsAttendanceRule } from '../../src/attendance/summary.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/fixtures.js';
import { signIn } from '../support/http.js';
import { makeSession, makeSetting, overviewPath, type Setting } from './fixtures.js';

const DAY_MINUTES = 24 * 60;

describe('attendance', () => {
  let t: TestApp;
  let setting: Setting;
  let sessions: Array<Awaited<ReturnType<typeof makeSession>>>;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => t.close());

  /** Six weekly sessions: five already held, the sixth next week. */
  async function sixSessions() {
    sessions = [];
    for (let position = 1; position <= 6; position += 1) {
      const startsInDays = position <= 5 ? (position - 6) * 7 : 6;
      sessions.push(await makeSession(setting.cohort, { now: t.clock.now(), startsInMinutes: startsInDays * DAY_MINUTES, position }));
    }
  }

  const mark = (company: number, person: number, position: number, status: AttendanceStatus) => {
    const account = setting.companies[company]!.participants[person]!;
    return recordMark({
      session: sessions[position - 1]!, accountId: account._id, companyId: setting.companies[company]!.company._id,
      status, via: 'register', by: setting.trainer._id, at: t.clock.now(),
    });
  };

  /**
   * A present at 1–5 (at 3 only the second participant, late) → 5 of 6, meets the rule.
   * B present at 1–4, excused at 5, session 6 ahead → 4 of 6, can still meet it.
   * C present at 1–2, absent since → 2 of 6, cannot meet it any more.
   */
  async function handMadeMarks() {
    setting = await makeSetting({ companies: 3 });
    await sixSessions();
    for (const p of [1, 2, 4, 5]) await mark(0, 0, p, 'present');
    await mark(0, 0, 3, 'absent');
    await mark(0, 1, 3, 'late');
    for (const p of [1, 2, 3, 4]) await mark(1, 0, p, 'present');
    await mark(1, 0, 5, 'excused');
    for (const p of [1, 2]) await mark(2, 1, p, 'present');
    for (const p of [3, 4, 5]) await mark(2, 1, p, 'absent');
  }

  const rowOf = (html: string, company: number) => {
    const id = String(setting.companies[company]!.company._id);
    return new RegExp(`<tr class="company-row" data-company="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  };

  describe('overview', () => {
    it('when companies were represented at 5, 4 and 2 sessions, then the page shows "n of 6" and the rule for each', async () => {
      await handMadeMarks();
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      const page = await trainer.get(overviewPath(setting.cohort._id)).expect(200);
      const [a, b, c] = [rowOf(page.text, 0), rowOf(page.text, 1), rowOf(page.text, 2)];
      expect(a).to.contain('Bedrift A').and.contain('5 av 6').and.contain('Oppfyller kravet');
      expect(b).to.contain('Bedrift B').and.contain('4 av 6').and.contain('Kan fortsatt nå kravet');
      expect(c).to.contain('Bedrift C').and.contain('2 av 6').and.contain('Kan ikke lenger nå kravet');
      expect(a.match(/cell-yes/g)).to.have.length(5);
      expect(page.text).to.contain('Deltaker A2');
      const counts = [...page.text.matchAll(/<td class="session-count">([^<]+)<\/td>/g)].map((m) => m[1]);
      expect(counts).to.deep.equal(['3/6', '3/6', '2/6', '2/6', '1/6', '0/6']);
    });

    it('when the cohort is viewed in English, then the rule reads in English', async () => {
      await handMadeMarks();
      const trainer = await signIn(t.app, setting.trainer.email, PASSWORD);
      await trainer.get('/lang/en').expect(302);
      const page = await trainer.get(overviewPath(setting.cohort._id)).expect(200);
      expect(rowOf(page.text, 0)).to.contain('5 of 6').and.contain('Meets the rule');
    });
  });

  describe('attendanceSummary and companyMeetsAttendanceRule', () => {
    it('when asked about the hand-made marks, then they agree with the page, and a cancelled session does not count', async () => {
      await handMadeMarks();
      const summary = await attendanceSummary(setting.cohort._id, t.clock.now());
      expect(summary.companies.map((c) => [c.name, c.representedCount, c.meetsRule, c.canStillMeet])).to.deep.equal([
        ['Bedrift A', 5, true, true], ['Bedrift B', 4, false, true], ['Bedrift C', 2, false, false],
      ]);
      expect(summary.companies[0]!.perSession.map((s) => s.represented)).to.deep.equal([true, true, true, true, true, false]);
      expect(await companyMeetsAttendanceRule(setting.cohort._id, setting.companies[0]!.company._id)).to.equal(true);
      expect(await companyMeetsAttendanceRule(setting.cohort._id, setting.companies[1]!.company._id)).to.equal(false);

      await mongoose.model('WorkshopSession').updateOne({ _id: sessions[4]!._id }, { status: 'cancelled' });
      expect(await companyMeetsAttendanceRule(setting.cohort._id, setting.companies[0]!.company._id)).to.equal(false);
      const after = await attendanceSummary(setting.cohort._id, t.clock.now());
      expect(after.companies[0]).to.include({ representedCount: 4, sessionCount: 5, meetsRule: false, canStillMeet: true });
    });

    it('when the cohort has 30 companies, then the summary takes a fixed handful of queries', async function () {
      this.timeout(60_000);
      setting = await makeSetting({ companies: 30, perCompany: 2 });
      await sixSessions();
      for (let c = 0; c < 30; c += 1) for (let p = 1; p <= 5; p += 1) await mark(c, c % 2, p, 'present');
      // Counted once the cohort's sheet is built: the marks above changed it.
      await attendanceSummary(setting.cohort._id, t.clock.now());
      let queries = 0;
      mongoose.set('debug', () => { queries += 1; });
      try {
        const summary = await attendanceSummary(setting.cohort._id, t.clock.now());
        expect(summary.companies).to.have.length(30);
        expect(summary.companies.every((c) => c.meetsRule)).to.equal(true);
      } finally {
        mongoose.set('debug', false);
      }
      expect(queries).to.be.at.most(6);
    });
  });
});
