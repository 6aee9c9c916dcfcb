import type { CourseCatalogue } from '../courses/index.js';
import type { Mailer } from '../mail/index.js';
import { createCompletionService } from './completion/completion.service.js';
import { createMaturityService } from './maturity/maturity.service.js';
import type { StrategyMail } from './notify.js';
import { createReviewService } from './review.service.js';
import { createWorkbookService } from './workbook.service.js';

export interface StrategiesDeps {
  catalogue: CourseCatalogue;
  mailer: Mailer;
  baseUrl: string;
  now: () => Date;
  onMailError?: (error: unknown, template: StrategyMail) => void;
}

/**
 * Every strategies use case, wired once. The demo seed can call these directly
 * with an AccountView, e.g. `workbook.openStrategy`, `workbook.saveSection`,
 * `review.submit`, `review.review`, `maturity.record`, `completion.issueCertificate`.
 */
export function createStrategies(deps: StrategiesDeps) {
  const completion = createCompletionService({ catalogue: deps.catalogue, now: deps.now });
  return {
    workbook: createWorkbookService({ now: deps.now }),
    review: createReviewService({ mailer: deps.mailer, baseUrl: deps.baseUrl, now: deps.now, onMailError: deps.onMailError }),
    maturity: createMaturityService({ now: deps.now, completion }),
    completion,
  };
}

export type Strategies = ReturnType<typeof createStrategies>;
