import type { Logger } from '../shared/logger.js';
import { openCalendarChanges } from '../workshops/index.js';
import type { FanOut } from './fan-out.js';
import { createPollLoop } from '../shared/poll-loop.js';

// Changes read per pass; each may mean hundreds of emails.
const BATCH = 20;

export interface FanOutWorker {
  /** Tells recorded changes at once (those a crash left unfinished too), then every pollMs. */
  start(): void;
  /** Stops after the company being told; what is left stays recorded for the next start. */
  stop(): Promise<void>;
  /** Looks for changes now (or right after the pass under way): called when a change is recorded. */
  kick(): void;
  /** One pass over the recorded changes; resolves with how many were told to the end. */
  runOnce(): Promise<number>;
}

/**
 * Runs the fan-out beside the outbox worker, so sending never waits for a long
 * fan-out and the reverse. A change is deleted only when everyone is told, so
 * a worker that dies (or is stopped) leaves it for the next pass, here or in
 * any other worker; repeating part of it stores nothing twice.
 */
export function createFanOutWorker(options: { fanOut: FanOut; pollMs: number; logger?: Logger }): FanOutWorker {
  async function runOnce(): Promise<number> {
    let done = 0;
    const changes = await openCalendarChanges(BATCH);
    // A full batch may hide more: look again straight after.
    if (changes.length === BATCH && !loop.halting) loop.again();
    for (const change of changes) {
      if (loop.halting) break;
      try {
        if ((await options.fanOut.tell(change, () => loop.halting)) === 'done') done += 1;
      } catch (error) {
        // One change that cannot be told (its cohort's data broken, say) must not hold up the others.
        options.logger?.warn({ err: error, change: change._id }, 'calendar change not told yet');
      }
    }
    return done;
  }

  const loop = createPollLoop({
    pass: runOnce,
    pollMs: options.pollMs,
    onError: (error) => options.logger?.warn({ err: error }, 'calendar fan-out pass failed'),
  });

  return {
    start: loop.start,
    stop: loop.stop,
    kick: loop.kick,
    runOnce,
  };
}
