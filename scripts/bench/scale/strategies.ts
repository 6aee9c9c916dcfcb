import { Types } from 'mongoose';
import { Certificate } from '../../../src/strategies/completion/certificate.model.js';
import { MaturityAssessment } from '../../../src/strategies/maturity/assessment.model.js';
import { scoreAnswers } from '../../../src/strategies/maturity/maturity.js';
import { Strategy, StrategyComment, StrategyReviewer, StrategyTransition, StrategyVersion, type StrategyStatus } from '../../../src/strategies/strategy.model.js';
import { answers, content } from '../../seed/strategies.js';
import type { ScaleSize } from '../sizes.js';
import { batchWriter, seeded } from './batch.js';
import { pastSessions, type PlannedCompany, type World } from './world.js';

const DRAFT_SECTIONS = ['current-situation', 'visibility-objectives', 'action-plan'] as const;
const ALL_SECTIONS = ['current-situation', 'visibility-objectives', 'channels-content', 'sales-ecommerce', 'tools-security', 'action-plan'] as const;
const PART = { 'current-situation': 'current', 'visibility-objectives': 'objectives', 'channels-content': 'channels', 'sales-ecommerce': 'sales', 'tools-security': 'tools', 'action-plan': 'actions' } as const;

/** As in the demo's finished cohort: most approved, some submitted or sent back, a few still drafts. */
function statusOf(index: number, finished: boolean): StrategyStatus {
  const n = index % 20;
  if (!finished || n >= 19) return 'draft';
  return n < 12 ? 'approved' : n < 16 ? 'submitted' : 'changes_requested';
}

type Writers = ReturnType<typeof writers>;
const writers = () => ({
  strategies: batchWriter(Strategy, 'strategies'), versions: batchWriter(StrategyVersion, 'strategy versions'),
  transitions: batchWriter(StrategyTransition, 'strategy transitions'), comments: batchWriter(StrategyComment, 'review comments'),
  assessments: batchWriter(MaturityAssessment, 'maturity assessments'), certificates: batchWriter(Certificate, 'certificates'),
  reviewers: batchWriter(StrategyReviewer, 'reviewer assignments'),
});

/** One strategy with its versions, status changes, comments, assessments and (approved) certificate. */
async function writeStrategy(w: Writers, company: PlannedCompany, target: { key: string; cohortId?: Types.ObjectId }, status: StrategyStatus, at: Date, random: () => number) {
  const owner = company.people[0]!;
  const reviewer = company.cohort.trainerId;
  const _id = new Types.ObjectId();
  const text = content(company.name, company.index);
  const sections = status === 'draft' ? DRAFT_SECTIONS : ALL_SECTIONS;
  const steps: Array<[StrategyStatus, StrategyStatus]> = status === 'draft' ? [] : [['draft', 'submitted'], ...(status === 'submitted' ? [] : [['submitted', status] as [StrategyStatus, StrategyStatus]])];
  const approvedVersion = status === 'approved' ? sections.length : undefined;
  await w.strategies.add({ _id, companyId: company._id, enrolmentKey: target.key, cohortId: target.cohortId, courseSlug: 'digital-strategy', status, transitionCount: steps.length, approvedVersion, createdBy: owner._id });
  let saved = {};
  for (const [i, section] of sections.entries()) {
    saved = { ...saved, [section]: text[PART[section]] };
    await w.versions.add({ strategyId: _id, version: i + 1, section, content: saved, savedBy: owner._id, savedAt: new Date(at.getTime() + i * 60_000) });
  }
  for (const [i, [from, to]] of steps.entries()) {
    await w.transitions.add({ strategyId: _id, seq: i + 1, from, to, by: to === 'submitted' ? owner._id : reviewer, at, approvedVersion: to === 'approved' ? approvedVersion : undefined });
  }
  if (status === 'approved' || status === 'changes_requested') {
    await w.comments.add({ strategyId: _id, section: 'action-plan', text: 'Godt arbeid. Sett en dato på hvert tiltak.', by: reviewer, at, version: sections.length });
  }
  for (const stage of status === 'approved' ? ['T0', 'T1'] : ['T0']) {
    const given = answers(company.index, stage === 'T1');
    await w.assessments.add({ strategyId: _id, companyId: company._id, stage, answers: given, ...scoreAnswers(given), by: owner._id, at });
  }
  if (status === 'approved') {
    const publicId = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
    await w.certificates.add({ strategyId: _id, companyId: company._id, publicId, companyName: company.name, courseSlug: 'digital-strategy', cohortTitle: company.cohort.title, names: [owner.name], issuedAt: at });
  }
  if (!target.cohortId && status !== 'draft') await w.reviewers.add({ strategyId: _id, trainerId: reviewer, assignedBy: reviewer });
}

/** A cohort strategy for every company whose cohort has begun, and self-paced ones for the first `selfPaced` companies. */
export async function generateStrategies(world: World, size: ScaleSize): Promise<void> {
  const w = writers();
  const random = seeded(1500);
  for (const company of world.companies) {
    const past = pastSessions(world, company.cohort);
    if (!past.length) continue;
    const finished = past.length === company.cohort.sessions.length;
    await writeStrategy(w, company, { key: `cohort:${company.cohort._id}`, cohortId: company.cohort._id }, statusOf(company.index, finished), past.at(-1)!.endsAt, random);
  }
  for (const company of world.companies.slice(0, size.selfPaced)) {
    await writeStrategy(w, company, { key: 'course:digital-strategy' }, company.index % 3 === 0 ? 'submitted' : 'draft', world.now, random);
  }
  for (const writer of Object.values(w)) await writer.done();
}
