import type { AccountView } from '../../accounts/index.js';
import { unlessTaken } from '../../shared/db/claims.js';
import { ConflictError } from '../../shared/errors.js';
import { sessionsOfCohort } from '../../workshops/queries.js';
import { assertCanSeeStrategy, assertCompany } from '../access.js';
import { MaturityAssessment, type AssessmentDoc } from './assessment.model.js';
import type { CompletionService } from '../completion/completion.service.js';
import { scoreAnswers, STAGES, type Stage } from './maturity.js';
import type { StrategyDoc } from '../strategy.model.js';

/** T2 opens this long after T1 was taken. */
export const T2_AFTER_DAYS = 182;
const DAY_MS = 86_400_000;

export interface StageState {
  stage: Stage;
  open: boolean;
  taken?: AssessmentDoc;
}

/**
 * The maturity self-assessment at three stages. T0 (at enrolment) can be taken
 * until T1 is; T1 once the course is behind the company (the cohort's last
 * session has ended, or every module is done); T2 from six months after T1.
 */
export function createMaturityService(deps: { now: () => Date; completion: CompletionService }) {
  async function courseIsBehind(strategy: StrategyDoc): Promise<boolean> {
    if (!strategy.cohortId) return deps.completion.allModulesDone(strategy.companyId, strategy.courseSlug);
    // A cohort has a handful of sessions: its list (top-level equality) is read whole, cancelled ones left out here.
    const held = (await sessionsOfCohort(strategy.cohortId)).filter((s) => s.status !== 'cancelled');
    const lastEnd = Math.max(...held.map((s) => s.endsAt.getTime()));
    return held.length > 0 && lastEnd <= deps.now().getTime();
  }

  async function stages(strategy: StrategyDoc): Promise<StageState[]> {
    const taken = await MaturityAssessment.find({ strategyId: strategy._id }).lean();
    const byStage = new Map(taken.map((a) => [a.stage as Stage, a]));
    const t1 = byStage.get('T1');
    const open: Record<Stage, boolean> = {
      T0: !t1,
      T1: !byStage.has('T2') && (await courseIsBehind(strategy)),
      T2: t1 !== undefined && deps.now().getTime() >= t1.at.getTime() + T2_AFTER_DAYS * DAY_MS,
    };
    return STAGES.map((stage) => ({ stage, open: open[stage], taken: byStage.get(stage) }));
  }

  return {
    /** The strategy's stages with what is taken and what is open. */
    async overview(actor: AccountView, strategyId: string) {
      const access = await assertCanSeeStrategy(actor, strategyId);
      return { access, stages: await stages(access.strategy) };
    },

    /** Records (or retakes) one stage; refused when the stage is not open. Returns the stored scores. */
    async record(actor: AccountView, strategyId: string, stage: Stage, answers: Record<string, number>): Promise<AssessmentDoc> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      assertCompany(access);
      const state = (await stages(access.strategy)).find((s) => s.stage === stage);
      if (!state?.open) throw new ConflictError(`strategies.maturity.closed${stage}`);
      const scores = scoreAnswers(answers);
      const values = { companyId: access.strategy.companyId, answers, dimensions: scores.dimensions, overall: scores.overall, band: scores.band, by: actor.id, at: deps.now() };
      const key = { strategyId: access.strategy._id, stage };
      // Taken before (or by a colleague at the same moment): the newest answers replace the stage.
      return unlessTaken(async () => (await MaturityAssessment.create({ ...key, ...values })).toObject(), async () => {
        await MaturityAssessment.updateOne(key, { $set: values });
        return (await MaturityAssessment.findOne(key).lean())!;
      });
    },
  };
}

export type MaturityService = ReturnType<typeof createMaturityService>;
