import { expect } from 'chai';
import mongoose, { Types } from 'mongoose';
import { issueLink } from '../../src/accounts/one-time-links.js';
import { AttendanceChange, AttendanceMark } from '../../src/attendance/attendance.model.js';
import { rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { ModuleProgress } from '../../src/courses/progress.model.js';
import { ImportJob, ImportRow } from '../../src/imports/import.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { storeMaterial } from '../../src/materials/materials.service.js';
import { buildCohortReports } from '../../src/reports/reports.service.js';
import { MaturityAssessment } from '../../src/strategies/maturity/assessment.model.js';
import { Strategy, StrategyComment, StrategyTransition, StrategyVersion } from '../../src/strategies/strategy.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { makeAccount, makeCompany } from '../support/fixtures.js';
import { pdf } from '../materials/support/samples.js';
import { cohortWorld, markPresent } from '../strategies/fixtures.js';

export const NAME = 'Ragnhild Testesen';
export const EMAIL = 'ragnhild.testesen@example.no';
export const COMPANY = 'Ragnhilds Rørlegging AS';

/**
 * The demo cohort (cohortWorld) plus a company whose only person is Ragnhild, with one record of
 * every kind the app keeps about a person: enrolment, attendance marks and their history, course
 * progress and a course enrolment, an approved strategy with a version, a transition, a reviewer's
 * comment and a maturity assessment, emails to her and one to the coordinator naming her, a file
 * she uploaded, a calendar feed, a link, and an import line.
 */
export async function personWithEveryRecord() {
  const w = await cohortWorld();
  const company = await makeCompany({ name: COMPANY });
  const person = await makeAccount({ companyId: company._id, name: NAME, email: EMAIL });
  await mongoose.model('Company').updateOne({ _id: company._id }, { contactName: NAME, contactEmail: EMAIL });
  await Enrolment.create({ cohortId: w.cohort._id, companyId: company._id, status: 'enrolled', participantIds: [person._id] });
  await markPresent(w.sessions.slice(0, 4), person, 4, w.trainer._id);
  const checkIn = w.sessions[4]!;
  await AttendanceMark.create({ sessionId: checkIn._id, cohortId: w.cohort._id, companyId: company._id, accountId: person._id, status: 'late', via: 'check-in', markedBy: person._id, markedAt: new Date() });
  await AttendanceChange.create({ sessionId: checkIn._id, cohortId: w.cohort._id, companyId: company._id, accountId: person._id, status: 'late', via: 'check-in', by: person._id, at: new Date() });
  await ModuleProgress.create({ accountId: person._id, courseSlug: 'digital-strategy', moduleSlug: 'digital-opportunities' });
  await CourseEnrolment.create({ companyId: company._id, courseSlug: 'digital-strategy', enrolledBy: person._id });
  const strategy = await Strategy.create({ companyId: company._id, cohortId: w.cohort._id, enrolmentKey: `cohort:${w.cohort._id}`, courseSlug: 'digital-strategy', status: 'approved', transitionCount: 1, approvedVersion: 1, createdBy: person._id });
  await StrategyVersion.create({ strategyId: strategy._id, version: 1, section: 'current-situation', content: { 'current-situation': { customers: 'Rørleggerkunder i Oppdal' } }, savedBy: person._id, savedAt: new Date() });
  await StrategyTransition.create({ strategyId: strategy._id, seq: 1, from: 'submitted', to: 'approved', by: w.trainer._id, at: new Date() });
  await StrategyComment.create({ strategyId: strategy._id, section: 'current-situation', text: 'Godt beskrevet kundegrunnlag.', by: w.trainer._id, at: new Date(), version: 1 });
  await MaturityAssessment.create({ strategyId: strategy._id, companyId: company._id, stage: 'T0', answers: { q1: 2 }, dimensions: {}, overall: 42, band: 'average', by: person._id, at: new Date() });
  const message = (to: string, text: string, extra: object) => ({
    key: `test:${new Types.ObjectId()}`, messageId: `<${new Types.ObjectId()}@test>`, template: 'enrolment-confirmed', to, language: 'nb',
    subject: 'Påmelding', text, html: `<p>${text}</p>`, notBefore: new Date(), nextAttemptAt: new Date(), ...extra,
  });
  await OutboxMessage.create(message(EMAIL, `Hei ${NAME}, velkommen til kurset.`, { userId: person._id, companyId: company._id, status: 'sent' }));
  await OutboxMessage.create(message(w.coordinator.email, `${NAME} (${EMAIL}) har meldt på ${COMPANY}.`, { cohortId: w.cohort._id }));
  await storeMaterial({ title: 'Tilbudsmal', courseSlug: 'digital-strategy', moduleSlug: 'digital-opportunities', originalName: 'tilbud.pdf', bytes: pdf(), uploadedBy: String(person._id) });
  await rotateFeedToken(person._id);
  await issueLink(person._id, 'reset', 60, new Date());
  const job = await ImportJob.create({ cohortId: w.cohort._id, createdBy: w.coordinator._id, fileName: 'liste.csv', status: 'done', totalRows: 1, validRows: 1 });
  await ImportRow.create({ jobId: job._id, line: 2, orgNumber: company.orgNumber, companyName: COMPANY, personName: NAME, email: EMAIL, municipality: 'Oppdal', state: 'done', companyId: company._id, userId: person._id });
  return { ...w, company, person, strategy };
}

/** The programme's anonymous figures per cohort, from the reports service: enrolled, attended, approved, completed. */
export async function funnel(cohort: { _id: Types.ObjectId; title: string; minSessionsAttended: number }) {
  const [report] = await buildCohortReports([{ id: String(cohort._id), title: cohort.title, minSessionsAttended: cohort.minSessionsAttended }], new Date());
  const rows = report!.companies;
  return {
    enrolled: rows.length,
    represented: rows.map((r) => r.attendance?.represented ?? 0).sort(),
    attendedAny: rows.filter((r) => (r.attendance?.represented ?? 0) > 0).length,
    strategiesApproved: rows.filter((r) => r.strategy?.status === 'approved').length,
    completed: report!.completedCount,
  };
}

type Bson = { _bsontype?: string; toHexString?: () => string; buffer?: Uint8Array };

/** Every text in a stored value: strings, ObjectIds as hex, binary data as text, and object keys. */
function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (value instanceof Date || value === null || typeof value !== 'object') return;
  else if ((value as Bson)._bsontype === 'ObjectId') yield (value as Bson).toHexString!();
  else if ((value as Bson)._bsontype === 'Binary') yield Buffer.from((value as Bson).buffer!).toString('latin1');
  else if (Array.isArray(value)) for (const item of value) yield* textsOf(item);
  else for (const [key, item] of Object.entries(value)) { yield key; yield* textsOf(item); }
}

/** Where in the database any of `needles` is still found, as "collection: needle"; reads every collection the database lists. */
export async function findAnywhere(needles: string[]): Promise<string[]> {
  const db = mongoose.connection.db!;
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  expect(collections.length).to.be.greaterThan(20);
  const found: string[] = [];
  for (const { name } of collections) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      for (const text of textsOf(doc)) {
        for (const needle of needles) if (text.toLowerCase().includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
      }
    }
  }
  return [...new Set(found)];
}
