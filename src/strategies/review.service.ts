import { Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { companiesByIds, namesByIds, rolesByIds } from '../accounts/queries.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { cohortById, cohortsTaughtBy } from '../workshops/queries.js';
import { assertComplete } from './completeness.js';
import { companiesAssignableBy, mayAssignFor } from './assignment-scope.js';
import { assertCanSeeStrategy, assertCompany, assertReviewer, type StrategyAccess } from './access.js';
import { notifyCompany, notifyReviewers, type NotifyDeps, type StrategyMail } from './notify.js';
import type { ReviewInput } from './schemas.js';
import { type StrategySection } from './sections.js';
import { Strategy, StrategyComment, StrategyReviewer, StrategyTransition, type StrategyDoc, type StrategyStatus } from './strategy.model.js';
import { currentContent } from './workbook.service.js';
import { byUpdatedDesc, selfPacedStrategies, strategiesOfCohort, type StrategyRow } from './lists.js';
import { insertOnce, unlessTaken } from '../shared/db/claims.js';
import type { MessageKey } from '../shared/i18n/index.js';

const MAIL_FOR: Record<string, StrategyMail> = {
  'draft>submitted': 'strategy-submitted',
  'changes_requested>submitted': 'strategy-submitted',
  'submitted>changes_requested': 'strategy-changes-requested',
  'submitted>approved': 'strategy-approved',
  'approved>changes_requested': 'strategy-reopened',
};

/** Submission, review by the trainer, approval and reopening, each recorded and emailed to the company. */
export function createReviewService(deps: NotifyDeps & { now: () => Date }) {
  /**
   * Applies a recorded step to the strategy and tells the company. Repeatable:
   * the values are the step's own, and each email is keyed by the step.
   */
  async function apply(strategy: StrategyDoc, step: { seq: number; from: StrategyStatus; to: StrategyStatus; approvedVersion?: number | null }, actorName: string) {
    const extra = step.approvedVersion != null ? { approvedVersion: step.approvedVersion } : {};
    await Strategy.updateOne({ _id: strategy._id }, { $set: { status: step.to, transitionCount: step.seq, ...extra } });
    const onceKey = `strategy:${strategy._id}:step:${step.seq}`;
    await notifyCompany(deps, MAIL_FOR[`${step.from}>${step.to}`]!, strategy, actorName, onceKey);
    if (step.to === 'submitted') await notifyReviewers(deps, strategy, await reviewersOf(strategy), actorName, onceKey);
  }

  /** Who gives feedback on a strategy: its cohort's trainers, or the reviewer assigned to a self-paced one. */
  async function reviewersOf(strategy: StrategyDoc): Promise<string[]> {
    if (strategy.cohortId) return (await cohortById(strategy.cohortId))?.trainerIds ?? [];
    const assigned = await StrategyReviewer.findOne({ strategyId: strategy._id }, { trainerId: 1 }).lean();
    return assigned ? [String(assigned.trainerId)] : [];
  }

  /**
   * Moves a strategy from its current status to `to`. The transition is an insert
   * numbered transitionCount + 1 under a unique index, so of two people deciding at
   * once exactly one wins; the loser is told the strategy changed meanwhile. A step
   * recorded by a request that stopped before applying it would block every later
   * decision, so whoever meets it finishes it first.
   */
  async function transition(strategy: StrategyDoc, to: StrategyStatus, actor: AccountView, extra: { approvedVersion?: number } = {}): Promise<void> {
    const step = { seq: strategy.transitionCount + 1, from: strategy.status, to, ...extra };
    if (!(await insertOnce(() => StrategyTransition.create({ strategyId: strategy._id, ...step, by: actor.id, at: deps.now() })))) {
      const recorded = await StrategyTransition.findOne({ strategyId: strategy._id, seq: step.seq }).lean();
      const current = await Strategy.findById(strategy._id, { transitionCount: 1 }).lean();
      if (recorded && current && current.transitionCount < recorded.seq) {
        const names = await namesByIds([recorded.by]);
        await apply(strategy, recorded, names.get(String(recorded.by)) ?? '');
      }
      throw new ConflictError('strategies.errors.changedMeanwhile');
    }
    await apply(strategy, step, actor.name);
  }

  function assertStatus(access: StrategyAccess, allowed: StrategyStatus[], messageKey: MessageKey): void {
    if (!allowed.includes(access.strategy.status)) throw new ConflictError(messageKey);
  }

  return {
    transition,

    /** The company hands in its strategy for review; every section must be written. */
    async submit(actor: AccountView, strategyId: string): Promise<void> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      assertCompany(access);
      assertStatus(access, ['draft', 'changes_requested'], access.strategy.status === 'approved' ? 'strategies.errors.approvedLocked' : 'strategies.errors.alreadySubmitted');
      const { content } = await currentContent(access.strategy._id);
      assertComplete(content, 'strategies.errors.incomplete');
      await transition(access.strategy, 'submitted', actor);
    },

    /**
     * The reviewer comments per section and decides: only comment, request
     * changes, or approve. Comments are kept after the decision is recorded.
     */
    async review(actor: AccountView, strategyId: string, input: ReviewInput): Promise<void> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      assertReviewer(access);
      assertStatus(access, ['submitted'], 'strategies.errors.notSubmitted');
      if (input.decision === 'comment' && input.comments.length === 0) throw new ValidationError({ form: 'strategies.review.nothing' });
      const { version, content } = await currentContent(access.strategy._id);
      if (input.decision === 'approve') {
        // A strategy handed in before every section was required can still get comments or a request for changes.
        assertComplete(content, 'strategies.errors.incompleteApproval');
        await transition(access.strategy, 'approved', actor, { approvedVersion: version });
      }
      if (input.decision === 'changes') await transition(access.strategy, 'changes_requested', actor);
      if (input.comments.length) {
        const at = deps.now();
        await StrategyComment.insertMany(input.comments.map((c) => ({ strategyId: access.strategy._id, section: c.section, text: c.text, by: actor.id, at, version })));
      }
    },

    /** The reviewer reopens an approved strategy so the company can change it again. */
    async reopen(actor: AccountView, strategyId: string): Promise<void> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      assertReviewer(access);
      assertStatus(access, ['approved'], 'strategies.errors.notApproved');
      await transition(access.strategy, 'changes_requested', actor);
    },

    /** Every comment on a strategy, oldest first, grouped by section. */
    async commentsBySection(strategyId: Types.ObjectId): Promise<Map<StrategySection, Array<{ text: string; by?: string; at: Date; version?: number }>>> {
      const comments = await StrategyComment.find({ strategyId }).sort({ at: 1 }).lean();
      const names = await namesByIds(comments.map((c) => c.by));
      const grouped = new Map<StrategySection, Array<{ text: string; by?: string; at: Date; version?: number }>>();
      for (const c of comments) {
        const list = grouped.get(c.section as StrategySection) ?? [];
        list.push({ text: c.text, by: names.get(String(c.by)), at: c.at, version: c.version ?? undefined });
        grouped.set(c.section as StrategySection, list);
      }
      return grouped;
    },

    /** The strategies a trainer reviews: those of the cohorts they teach and those assigned to them; cached lists (lists.ts). */
    async reviewQueue(actor: AccountView) {
      if (!actor.roles.includes('trainer')) throw new ForbiddenError();
      const cohorts = await cohortsTaughtBy(actor.id);
      const [ofCohorts, selfPaced] = await Promise.all([Promise.all(cohorts.map((c) => strategiesOfCohort(c.id))), selfPacedStrategies()]);
      const strategies = [...ofCohorts.flat(), ...selfPaced.filter((s) => s.trainerId === actor.id)].sort(byUpdatedDesc);
      return describe(strategies, new Map(cohorts.map((c) => [c.id, c.title])));
    },

    /**
     * Self-paced strategies with their assigned trainer: every one for an admin, those of its
     * gardens' companies for a coordinator (see assignment-scope.ts); others do not learn they exist.
     * The list itself is cached (lists.ts).
     */
    async selfPacedStrategies(actor: AccountView) {
      assertAssigner(actor);
      const companies = await companiesAssignableBy(actor);
      if (companies !== 'all' && companies.size === 0) return [];
      const strategies = (await selfPacedStrategies())
        .filter((s) => companies === 'all' || companies.has(String(s.companyId)))
        .sort(byUpdatedDesc);
      return (await describe(strategies, new Map())).map((row, i) => ({ ...row, trainerId: strategies[i]!.trainerId }));
    },

    /**
     * A coordinator of the company's garden, or an admin, names the trainer who reviews a
     * self-paced strategy. To anyone else the strategy does not exist (404), as on the list.
     */
    async assignReviewer(actor: AccountView, strategyId: string, trainerId: string): Promise<void> {
      assertAssigner(actor);
      const strategy = Types.ObjectId.isValid(strategyId) ? await Strategy.findById(strategyId, { cohortId: 1, companyId: 1 }).lean() : null;
      if (!strategy || strategy.cohortId || !(await mayAssignFor(actor, String(strategy.companyId)))) throw new NotFoundError();
      const [trainer] = await rolesByIds([trainerId]);
      if (!trainer?.roles.includes('trainer')) throw new ValidationError({ trainerId: 'workshops.unknownTrainer' });
      // One reviewer per strategy (unique index): a strategy that has one gets the new one instead.
      await unlessTaken(
        () => StrategyReviewer.create({ strategyId: strategy._id, trainerId: trainer.id, assignedBy: actor.id }),
        () => StrategyReviewer.updateOne({ strategyId: strategy._id }, { $set: { trainerId: trainer.id, assignedBy: actor.id } }),
      );
    },
  };
}

function assertAssigner(actor: AccountView): void {
  if (!actor.roles.includes('coordinator') && !actor.roles.includes('admin')) throw new ForbiddenError();
}

/** Strategy rows for lists: company name, cohort title and status; each company is one point lookup. */
async function describe(strategies: StrategyRow[], cohortTitles: Map<string, string>) {
  const companies = await companiesByIds(strategies.map((s) => s.companyId));
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  return strategies.map((s) => ({
    id: s.id, company: companyName.get(s.companyId) ?? '?', status: s.status, courseSlug: s.courseSlug,
    cohortTitle: s.cohortId ? cohortTitles.get(s.cohortId) : undefined, updatedAt: s.updatedAt,
  }));
}

export type ReviewService = ReturnType<typeof createReviewService>;
