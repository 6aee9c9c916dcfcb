import crypto from 'node:crypto';
import { Types, type Model } from 'mongoose';
import { AttendanceChange, AttendanceMark, markKey } from '../../src/attendance/attendance.model.js';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { MaturityAssessment } from '../../src/strategies/maturity/assessment.model.js';
import { Strategy, StrategyVersion } from '../../src/strategies/strategy.model.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { Garden } from '../../src/workshops/garden.model.js';

/**
 * Unrelated data around the data a test looks at: other gardens with their
 * cohorts, sessions, enrolled companies, participants, marks, strategies and
 * assessments, plus as many orphans again (marks and strategies whose
 * references point nowhere). One unit is a tenth of the issue's `programme`
 * size (120 companies, 6 cohorts, 36 sessions, ~2,500 marks, 150 strategies),
 * so pad(10) is a programme around the test's own rows.
 *
 * Documents go straight to the collections (cast by their model first): a
 * programme's worth through Model.create would take minutes, and the change
 * notes models send on writes concern cohorts no page here opens.
 */
export async function padDatabase(units: number): Promise<void> {
  for (let unit = 0; unit < units; unit += 1) await padUnit();
}

const id = () => new Types.ObjectId();
const DAY_MS = 86_400_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any of the app's models
async function insert(model: Model<any>, docs: object[]): Promise<void> {
  const cast = docs.map((doc) => new model(doc).toObject({ depopulate: true }));
  for (let i = 0; i < cast.length; i += 1000) await model.collection.insertMany(cast.slice(i, i + 1000), { ordered: false });
}

async function padUnit(): Promise<void> {
  const tag = crypto.randomBytes(4).toString('hex');
  const now = Date.now();
  const coordinator = id();
  const garden = { _id: id(), name: `Padding ${tag}`, address: 'Vegen 1', municipality: 'Røros', region: 'Trøndelag', rooms: ['Salen'], coordinatorIds: [coordinator] };
  const cohorts = Array.from({ length: 6 }, (_, i) => ({
    _id: id(), gardenId: garden._id, courseSlug: 'digital-strategy', title: `Padding ${tag} ${i}`, capacity: 20,
    enrolmentDeadline: new Date(now - 60 * DAY_MS), trainerIds: [id()],
  }));
  const sessions = cohorts.flatMap((cohort) => Array.from({ length: 6 }, (_, p) => {
    const startsAt = new Date(now - (50 - p * 7) * DAY_MS);
    return { _id: id(), cohortId: cohort._id, gardenId: garden._id, moduleSlug: `module-${p + 1}`, position: p + 1, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), room: 'Salen', checkInCode: crypto.randomBytes(3).toString('hex').toUpperCase() };
  }));
  const companies = Array.from({ length: 120 }, (_, i) => ({ _id: id(), name: `Padding AS ${tag} ${i}`, orgNumber: `${tag}${i}`, municipality: 'Røros', sector: 'food', employees: 4 }));
  const users = companies.flatMap((company, i) => [1, 2].map((n) => ({ _id: id(), email: `pad-${tag}-${i}-${n}@example.invalid`, name: `Deltaker ${tag} ${i}-${n}`, companyId: company._id })));
  const enrolments = companies.map((company, i) => ({
    _id: id(), cohortId: cohorts[i % 6]!._id, companyId: company._id, status: 'enrolled', seatNo: Math.floor(i / 6) + 1,
    participantIds: users.slice(i * 2, i * 2 + 2).map((u) => u._id),
  }));
  const marks = enrolments.flatMap((e) => sessions.filter((s) => s.cohortId === e.cohortId).flatMap((s) => e.participantIds.map((accountId) => ({
    _id: markKey(s._id, accountId), sessionId: s._id, cohortId: e.cohortId, companyId: e.companyId, accountId, status: 'present', via: 'register', markedBy: coordinator, markedAt: s.startsAt,
  }))));
  // Orphans: marks of sessions, cohorts and people that do not exist, up to ~2,500 marks a unit.
  const orphanMarks = Array.from({ length: 2500 - marks.length }, () => ({ sessionId: id(), accountId: id() })).map((mark) => ({
    ...mark, _id: markKey(mark.sessionId, mark.accountId), cohortId: id(), companyId: id(), status: 'late', via: 'check-in', markedBy: id(), markedAt: new Date(now),
  }));
  const strategies = [...enrolments.map((e) => ({ cohortId: e.cohortId, companyId: e.companyId })), ...Array.from({ length: 30 }, () => ({ cohortId: id(), companyId: id() }))]
    .map((s) => ({ _id: id(), ...s, enrolmentKey: `cohort:${s.cohortId}`, courseSlug: 'digital-strategy', status: 'submitted' }));
  const versions = strategies.flatMap((s) => [1, 2, 3].map((version) => ({ strategyId: s._id, version, section: 'objectives', content: { text: 'Padding' }, savedBy: coordinator, savedAt: new Date(now) })));
  const assessments = strategies.flatMap((s) => (['T0', 'T1'] as const).map((stage, n) => ({
    strategyId: s._id, companyId: s.companyId, stage, answers: {}, dimensions: {}, overall: 30 + n * 20, band: 'average', by: coordinator, at: new Date(now),
  })));
  await insert(Garden, [garden]);
  await insert(Cohort, cohorts);
  await insert(WorkshopSession, sessions);
  await insert(Company, companies);
  await insert(User, users);
  await insert(Enrolment, enrolments);
  await insert(AttendanceMark, [...marks, ...orphanMarks]);
  await insert(AttendanceChange, [...marks, ...orphanMarks].map(({ _id, markedBy, markedAt, ...m }) => ({ ...m, by: markedBy, at: markedAt })));
  await insert(Strategy, strategies);
  await insert(StrategyVersion, versions);
  await insert(MaturityAssessment, assessments);
}
