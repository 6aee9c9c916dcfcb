import type { Types } from 'mongoose';
import { companyCard, contactsByIds, contactsOfCompany } from '../accounts/queries.js';
import type { Mailer } from '../mail/index.js';
import type { Id } from '../shared/db/ids.js';

/** The emails a status change sends; each has views/mail/<name>.{text,html}.hbs and mail.<name>.subject. */
export type StrategyMail = 'strategy-submitted' | 'strategy-changes-requested' | 'strategy-approved' | 'strategy-reopened' | 'strategy-for-review';

export interface NotifyDeps {
  mailer: Mailer;
  baseUrl: string;
  /** Told about an email that could not be queued; the status change itself stands. */
  onMailError?: (error: unknown, template: StrategyMail) => void;
}

/**
 * Emails every person of the company about a status change, each in their own
 * language. A failing email does not undo the change the company and trainer already see.
 */
export async function notifyCompany(
  deps: NotifyDeps, template: StrategyMail, strategy: { _id: Types.ObjectId; companyId: Types.ObjectId; cohortId?: Types.ObjectId | null }, actorName: string,
  /** Makes each person's email once-only (per status change), so finishing a change twice mails nobody twice. */
  onceKey?: string,
): Promise<void> {
  const [company, people] = await Promise.all([companyCard(strategy.companyId), contactsOfCompany(strategy.companyId, 'participant')]);
  const link = `${deps.baseUrl}/strategies/${strategy._id}`;
  for (const person of people) {
    try {
      await deps.mailer.queue({
        template, to: person.email, language: person.language,
        data: { name: person.name, company: company?.name ?? '', by: actorName, link },
        key: onceKey ? `${onceKey}:${person.id}` : undefined,
        refs: { companyId: strategy.companyId, cohortId: strategy.cohortId ?? undefined, userId: person.id },
      });
    } catch (error) {
      if (!deps.onMailError) throw error;
      deps.onMailError(error, template);
    }
  }
}

/**
 * Emails the people who review a submitted strategy: the trainers of its cohort,
 * or the reviewer assigned to a self-paced one (none yet: nobody is emailed, and
 * the garden's coordinators see it as waiting for a reviewer).
 */
export async function notifyReviewers(
  deps: NotifyDeps, strategy: { _id: Types.ObjectId; companyId: Types.ObjectId; cohortId?: Types.ObjectId | null }, reviewerIds: Id[], actorName: string, onceKey: string,
): Promise<void> {
  if (!reviewerIds.length) return;
  const [company, reviewers] = await Promise.all([companyCard(strategy.companyId), contactsByIds(reviewerIds)]);
  for (const person of reviewers) {
    try {
      await deps.mailer.queue({
        template: 'strategy-for-review', to: person.email, language: person.language,
        data: { name: person.name, company: company?.name ?? '', by: actorName, link: `${deps.baseUrl}/strategies/${strategy._id}` },
        refs: { companyId: strategy.companyId, cohortId: strategy.cohortId ?? undefined, userId: person.id },
        key: `${onceKey}:reviewer:${person.id}`,
      });
    } catch (error) {
      if (!deps.onMailError) throw error;
      deps.onMailError(error, 'strategy-for-review');
    }
  }
}
