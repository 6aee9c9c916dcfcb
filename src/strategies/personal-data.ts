import type { Types } from 'mongoose';
import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { Certificate } from './completion/certificate.model.js';
import { MaturityAssessment } from './maturity/assessment.model.js';
import { Strategy, StrategyComment, StrategyReviewer, StrategyTransition, StrategyVersion } from './strategy.model.js';

/*
 * The strategies component's part of a person's export and erasure. Filters on companyId,
 * strategyId and authors read the whole collection on FerretDB: acceptable for an export or an
 * erasure, which are rare.
 */

const byYou = (id: unknown, subject: DataSubject) => String(id) === subject.personId;

/** One strategy with every version, status change, comment, maturity assessment and certificate. */
async function strategyRecord(strategy: { _id: Types.ObjectId; courseSlug: string; cohortId?: unknown; status: string; createdAt: Date }, subject: DataSubject) {
  const strategyId = strategy._id;
  const [versions, transitions, comments, assessments, certificate] = await Promise.all([
    StrategyVersion.find({ strategyId }).sort({ version: 1 }).lean(),
    StrategyTransition.find({ strategyId }).sort({ seq: 1 }).lean(),
    StrategyComment.find({ strategyId }).sort({ at: 1 }).lean(),
    MaturityAssessment.find({ strategyId }).lean(),
    Certificate.findOne({ strategyId }).lean(),
  ]);
  return {
    id: String(strategyId), course: strategy.courseSlug, cohortId: strategy.cohortId ? String(strategy.cohortId) : undefined,
    status: strategy.status, createdAt: strategy.createdAt,
    versions: versions.map((v) => ({ version: v.version, section: v.section, content: v.content, savedByYou: byYou(v.savedBy, subject), savedAt: v.savedAt })),
    statusChanges: transitions.map((t) => ({ from: t.from, to: t.to, byYou: byYou(t.by, subject), at: t.at })),
    comments: comments.map((c) => ({ section: c.section, text: c.text, version: c.version ?? undefined, byYou: byYou(c.by, subject), at: c.at })),
    assessments: assessments.map((a) => ({ stage: a.stage, answers: a.answers, overall: a.overall, band: a.band, byYou: byYou(a.by, subject), at: a.at })),
    certificate: certificate ? { publicId: certificate.publicId, names: certificate.names, issuedAt: certificate.issuedAt } : undefined,
  };
}

/** The company's strategies in full, and the review comments the person wrote on other companies' strategies. */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const [strategies, written] = await Promise.all([
    subject.companyId ? Strategy.find({ companyId: subject.companyId }).sort({ createdAt: 1 }).lean() : [],
    StrategyComment.find({ by: subject.personId }).sort({ at: 1 }).lean(),
  ]);
  const own = new Set(strategies.map((s) => String(s._id)));
  return {
    strategies: await Promise.all(strategies.map((s) => strategyRecord(s, subject))),
    commentsYouWrote: written.filter((c) => !own.has(String(c.strategyId))).map((c) => ({ strategyId: String(c.strategyId), section: c.section, text: c.text, at: c.at })),
  };
}

/** Every record that names the person as its author names the stand-in instead. */
async function replaceAuthor(personId: string, standInId: string): Promise<void> {
  const to = (field: string) => ({ $set: { [field]: standInId } });
  await StrategyVersion.updateMany({ savedBy: personId }, to('savedBy'));
  await StrategyTransition.updateMany({ by: personId }, to('by'));
  await StrategyComment.updateMany({ by: personId }, to('by'));
  await MaturityAssessment.updateMany({ by: personId }, to('by'));
  await Strategy.updateMany({ createdBy: personId }, to('createdBy'));
  await StrategyReviewer.updateMany({ trainerId: personId }, to('trainerId'));
  await StrategyReviewer.updateMany({ assignedBy: personId }, to('assignedBy'));
}

/**
 * The person's authorship goes to the stand-in. A company that stays keeps its strategies; the
 * person's name leaves its certificates. When the company goes, its certificates, strategy texts
 * and comments go; a cohort strategy stays as a status under the stand-in company (with its maturity
 * scores), so the cohort's completed count holds, and a self-paced one goes whole (no figure counts it).
 * Each strategy is moved last, so a step cut short finds it again by the company.
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  await replaceAuthor(erasure.personId, erasure.standIn.personId);
  if (!erasure.companyId) return;
  if (!erasure.eraseCompany) {
    await Certificate.updateMany({ companyId: erasure.companyId }, { $pull: { names: erasure.name } });
    return;
  }
  await Certificate.deleteMany({ companyId: erasure.companyId });
  for (const strategy of await Strategy.find({ companyId: erasure.companyId }, { cohortId: 1 }).lean()) {
    const strategyId = strategy._id;
    await StrategyVersion.deleteMany({ strategyId });
    await StrategyComment.deleteMany({ strategyId });
    if (strategy.cohortId) {
      await MaturityAssessment.updateMany({ strategyId }, { $set: { companyId: erasure.standIn.companyId } });
      await Strategy.updateOne({ _id: strategyId }, { $set: { companyId: erasure.standIn.companyId } });
    } else {
      await MaturityAssessment.deleteMany({ strategyId });
      await StrategyTransition.deleteMany({ strategyId });
      await StrategyReviewer.deleteMany({ strategyId });
      await Strategy.deleteOne({ _id: strategyId });
    }
  }
}
