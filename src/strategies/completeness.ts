import { ConflictError } from '../shared/errors.js';
import { sectionIsEmpty, STRATEGY_SECTIONS, type StrategyContent, type StrategySection } from './sections.js';

/** The sections with nothing written yet, in module order. */
export function missingSections(content: StrategyContent): StrategySection[] {
  return STRATEGY_SECTIONS.filter((s) => sectionIsEmpty(content[s]));
}

/**
 * A strategy refused because sections are empty. It names them (as slugs) so
 * the page can list them in the reader's language.
 */
export class IncompleteStrategyError extends ConflictError {
  constructor(messageKey: 'strategies.errors.incomplete' | 'strategies.errors.incompleteApproval', readonly sections: StrategySection[]) {
    super(messageKey);
  }
}

/**
 * Refuses a strategy with an empty section: one handed in or approved that way
 * would print "Approved" over "Not written yet".
 */
export function assertComplete(content: StrategyContent, messageKey: 'strategies.errors.incomplete' | 'strategies.errors.incompleteApproval'): void {
  const missing = missingSections(content);
  if (missing.length) throw new IncompleteStrategyError(messageKey, missing);
}
