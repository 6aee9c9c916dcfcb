import { Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { companyCard, namesByIds } from '../accounts/queries.js';
import { courseSlugsOfCompany, isCompanyEnrolled } from '../courses/queries.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { cohortById, cohortIdsWhereEnrolled, enrolmentOf } from '../workshops/queries.js';
import { assertCanSeeStrategy, assertCompany, type StrategyAccess } from './access.js';
import { normaliseContent, type SectionContent, type StrategyContent, type StrategySection } from './sections.js';
import { Strategy, StrategyTransition, StrategyVersion, type StrategyStatus } from './strategy.model.js';
import type { Id } from '../shared/db/ids.js';
import { appendNext, insertOnce } from '../shared/db/claims.js';


/** Which enrolment a strategy belongs to: a cohort, or a self-paced course. */
export type StrategyTarget = { cohortId: string } | { courseSlug: string };

/** One of the company's enrolments and its strategy, if one is started. */
export interface EnrolmentWithStrategy {
  kind: 'cohort' | 'course';
  cohortId?: string;
  cohortTitle?: string;
  courseSlug: string;
  strategy?: { id: string; status: StrategyStatus };
}

/** The latest saved content of a strategy; version 0 and empty content before the first save. */
export interface CurrentContent {
  version: number;
  content: StrategyContent;
  savedAt?: Date;
}

// A save loses the race for a version number only when another save won it, so this is never reached in practice.
const MAX_SAVE_ATTEMPTS = 100;

/** Statuses in which the company may change its text. */
const EDITABLE: readonly StrategyStatus[] = ['draft', 'changes_requested'];

/** The latest version of a strategy, or empty content when nothing is saved yet. */
export async function currentContent(strategyId: Id): Promise<CurrentContent> {
  const latest = await StrategyVersion.findOne({ strategyId }).sort({ version: -1 }).lean();
  return { version: latest?.version ?? 0, content: normaliseContent(latest?.content), savedAt: latest?.savedAt };
}

/**
 * Stores a new version with one section replaced. The version number is taken
 * under the unique {strategyId, version} index: when a concurrent save took the
 * number, this one re-reads the newest content and tries the next number, so no
 * save is lost and versions stay 1, 2, 3 … without gaps.
 */
async function appendVersion(strategyId: Types.ObjectId, section: StrategySection, sectionContent: SectionContent, by: Id, at: Date): Promise<number> {
  // The content to store is the newest version's with this section replaced, read again before each try.
  let content: StrategyContent | undefined;
  const latest = async () => {
    const current = await currentContent(strategyId);
    content = { ...current.content, [section]: sectionContent };
    return current.version;
  };
  // Losing every try throws ClaimContendedError: a 409 asking the person to save again.
  return appendNext(latest, (version) => StrategyVersion.create({ strategyId, version, section, content, savedBy: by, savedAt: at }), MAX_SAVE_ATTEMPTS);
}

/** The part of a strategy the company writes: starting it, saving sections, reading its history. */
export function createWorkbookService(deps: { now: () => Date }) {
  async function assertEnrolled(companyId: string, target: StrategyTarget): Promise<{ cohortId?: Types.ObjectId; courseSlug: string }> {
    if ('cohortId' in target) {
      const cohort = await cohortById(target.cohortId);
      const enrolment = cohort && (await enrolmentOf(cohort.id, companyId));
      if (!cohort || enrolment?.status !== 'enrolled') throw new ConflictError('strategies.errors.notEnrolled');
      return { cohortId: new Types.ObjectId(cohort.id), courseSlug: cohort.courseSlug };
    }
    if (!(await isCompanyEnrolled(companyId, target.courseSlug))) throw new ConflictError('strategies.errors.notEnrolled');
    return { courseSlug: target.courseSlug };
  }

  return {
    /** Starts the strategy of one of the company's enrolments, or finds it when a colleague already did. */
    async openStrategy(actor: AccountView, target: StrategyTarget): Promise<string> {
      if (!actor.companyId) throw new ConflictError('strategies.errors.noCompany');
      const { cohortId, courseSlug } = await assertEnrolled(actor.companyId, target);
      const enrolmentKey = cohortId ? `cohort:${cohortId}` : `course:${courseSlug}`;
      // One strategy per company and enrolment: a second start, or one racing it, finds the first.
      await insertOnce(() => Strategy.create({ companyId: actor.companyId, enrolmentKey, cohortId, courseSlug, createdBy: actor.id }));
      const strategy = await Strategy.findOne({ companyId: actor.companyId, enrolmentKey }, { _id: 1 }).lean();
      return String(strategy!._id);
    },

    /** The company's strategy for a course: its cohort's if it has one, else its self-paced one. */
    async strategyForCourse(actor: AccountView, courseSlug: string): Promise<string | undefined> {
      if (!actor.companyId) return undefined;
      const found = await Strategy.find({ companyId: actor.companyId, courseSlug }, { cohortId: 1 }).sort({ createdAt: -1 }).lean();
      const chosen = found.find((s) => s.cohortId) ?? found[0];
      return chosen ? String(chosen._id) : undefined;
    },

    /** Loads a strategy for reading, with its latest content and company; 404 for people outside it. */
    async read(actor: AccountView, strategyId: string): Promise<StrategyAccess & CurrentContent & { company: { name: string; municipality: string } }> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      const [content, company] = await Promise.all([
        currentContent(access.strategy._id),
        companyCard(access.strategy.companyId),
      ]);
      return { ...access, ...content, company: { name: company?.name ?? '', municipality: company?.municipality ?? '' } };
    },

    /** The company's enrolments (cohorts it holds a seat in, self-paced courses) with their strategies, if started. */
    async companyEnrolments(actor: AccountView, courseSlug?: string): Promise<EnrolmentWithStrategy[]> {
      if (!actor.companyId) return [];
      const companyId = actor.companyId;
      const [cohortIds, courseSlugs, strategies] = await Promise.all([
        cohortIdsWhereEnrolled(companyId),
        courseSlugsOfCompany(companyId),
        Strategy.find({ companyId }, { enrolmentKey: 1, status: 1 }).lean(),
      ]);
      // Each cohort by its _id; in the order they were created, then by enrolment deadline (a stable sort).
      const cohorts = (await Promise.all([...new Set(cohortIds)].sort().map((id) => cohortById(id))))
        .filter((c) => c !== undefined)
        .sort((a, b) => a.enrolmentDeadline.getTime() - b.enrolmentDeadline.getTime());
      const byKey = new Map(strategies.map((s) => [s.enrolmentKey, { id: String(s._id), status: s.status }]));
      const rows: EnrolmentWithStrategy[] = [
        ...cohorts.map((c) => ({ kind: 'cohort' as const, cohortId: c.id, cohortTitle: c.title, courseSlug: c.courseSlug, strategy: byKey.get(`cohort:${c.id}`) })),
        ...courseSlugs.map((slug) => ({ kind: 'course' as const, courseSlug: slug, strategy: byKey.get(`course:${slug}`) })),
      ];
      return courseSlug ? rows.filter((r) => r.courseSlug === courseSlug) : rows;
    },

    /** Saves one section as a new version; refused while the strategy is under review or approved. */
    async saveSection(actor: AccountView, strategyId: string, section: StrategySection, content: SectionContent): Promise<number> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      assertCompany(access);
      const { status } = access.strategy;
      if (!EDITABLE.includes(status)) throw new ConflictError(status === 'approved' ? 'strategies.errors.approvedLocked' : 'strategies.errors.underReview');
      return appendVersion(access.strategy._id, section, content, actor.id, deps.now());
    },

    /** Every saved version (newest first) and every status change, with the names of the people. */
    async history(actor: AccountView, strategyId: string) {
      const access = await assertCanSeeStrategy(actor, strategyId);
      const [versions, transitions] = await Promise.all([
        StrategyVersion.find({ strategyId: access.strategy._id }, { version: 1, section: 1, savedBy: 1, savedAt: 1 }).sort({ version: -1 }).lean(),
        StrategyTransition.find({ strategyId: access.strategy._id }).sort({ seq: -1 }).lean(),
      ]);
      const names = await namesByIds([...versions.map((v) => v.savedBy), ...transitions.map((t) => t.by)]);
      return {
        access,
        versions: versions.map((v) => ({ version: v.version, section: v.section, by: names.get(String(v.savedBy)), at: v.savedAt })),
        transitions: transitions.map((t) => ({ from: t.from, to: t.to, by: names.get(String(t.by)), at: t.at })),
      };
    },

    /** One old version, as it was saved. */
    async version(actor: AccountView, strategyId: string, version: number) {
      const access = await assertCanSeeStrategy(actor, strategyId);
      const stored = Number.isInteger(version) ? await StrategyVersion.findOne({ strategyId: access.strategy._id, version }).lean() : null;
      if (!stored) throw new NotFoundError();
      const names = await namesByIds([stored.savedBy]);
      return { access, version: stored.version, section: stored.section, content: normaliseContent(stored.content), by: names.get(String(stored.savedBy)), at: stored.savedAt };
    },
  };
}


export type WorkbookService = ReturnType<typeof createWorkbookService>;
