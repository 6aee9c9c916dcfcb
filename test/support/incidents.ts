import type { CommandGuardOptions } from '../../src/shared/db/command-guard.js';

/**
 * Database incidents (a refused unacknowledged write, a reply out of step) seen
 * by the test apps' connections. A dependency that sends such a write may swallow
 * the refusal, so every incident a test did not take on purpose fails the run.
 */
const seen: string[] = [];
const unexpected: string[] = [];

export const recordIncident: NonNullable<CommandGuardOptions['onIncident']> = ({ kind, commandName, error }) => {
  seen.push(`${kind} on ${commandName}: ${error.message}`);
};

/** Returns and forgets the incidents so far: for a test that provokes one on purpose. */
export function takeIncidents(): string[] {
  return seen.splice(0);
}

/** Fails if any incident was left over; called after the run (in a parallel run, after each file), so each is reported once. */
export function assertNoUnexpectedIncidents(): void {
  const left = unexpected.splice(0);
  if (left.length) throw new Error(`database incidents no test expected:\n${left.join('\n')}`);
}

/** Notes the incidents a test left behind, under its name. */
export function noteIncidentsOf(testTitle: string | undefined): void {
  for (const incident of takeIncidents()) unexpected.push(`${testTitle}: ${incident}`);
}
