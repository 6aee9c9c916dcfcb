import type { Logger } from '../shared/logger.js';
import { openCalendarChanges } from '../workshops/index.js';
import type { FanOut } from './fan-out.js';

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
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let halting = false;

  async function runOnce(): Promise<number> {
    let done = 0;
    const changes = await openCalendarChanges(BATCH);
    // A full batch may hide more: look again straight after.
    again ||= changes.length === BATCH && !halting;
    for (const change of changes) {
      if (halting) break;
      try {
        if ((await options.fanOut.tell(change, () => halting)) === 'done') done += 1;
      } catch (error) {
        // One change that cannot be told (its cohort's data broken, say) must not hold up the others.
        options.logger?.warn({ err: error, change: change._id }, 'calendar change not told yet');
      }
    }
    return done;
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void tick(), delayMs);
  }

  async function tick(): Promise<void> {
    if (running) { again = true; return; }
    running = (async () => {
      do {
        again = false;
        await runOnce().catch((error: unknown) => options.logger?.warn({ err: error }, 'calendar fan-out pass failed'));
      } while (again && !stopped);
    })();
    await running;
    running = undefined;
    schedule(options.pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      halting = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      halting = true;
      clearTimeout(timer);
      await running;
    },
    kick() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    runOnce,
  };
}
