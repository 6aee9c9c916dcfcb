import { startFerretDB, type FerretDBExit, type FerretDBOptions, type RunningFerretDB } from './ferretdb.js';

/** 'up' while FerretDB answers; 'restarting' between an unexpected exit and the next start; 'stopped' after stop(). */
export type SupervisorState = 'up' | 'restarting' | 'stopped';

/** What /healthz and logs need to know about a supervised FerretDB. */
export interface SupervisorStatus {
  state: SupervisorState;
  /** How many times it was started again after an unexpected exit. */
  restarts: number;
}

/** Callbacks for logging; the supervisor itself never prints. */
export interface SupervisorEvents {
  /** The process ended without stop(); the next start is in `restartInMs`. */
  onExit?(exit: FerretDBExit, restartInMs: number): void;
  /** A start after an exit failed (e.g. the port is taken); the next try is in `retryInMs`. */
  onStartFailed?(error: Error, retryInMs: number): void;
  /** FerretDB answers again; `downMs` since the exit. */
  onRestarted?(info: { restarts: number; downMs: number; pid: number }): void;
}

/** Waits between restarts: the first after `initialMs`, doubling to `maxMs`; back to `initialMs` once a process stayed up `stableMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/** A FerretDB that is started again on the same port and data folder whenever it ends unexpectedly. */
export interface SupervisedFerretDB {
  uri: string;
  port: number;
  /** Process id of the current FerretDB, undefined while restarting or stopped. */
  readonly pid: number | undefined;
  status(): SupervisorStatus;
  /** Ends supervision and the process; nothing is restarted after it. */
  stop(): Promise<void>;
}

/** Starts FerretDB and keeps it running until stop(); the first start's failure is thrown, later ones are retried. */
export async function superviseFerretDB(
  options: FerretDBOptions,
  events: SupervisorEvents = {},
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<SupervisedFerretDB> {
  let current: RunningFerretDB | undefined = await startFerretDB(options);
  // Restarts reuse the first port: the URI the driver holds must keep pointing at the database.
  const { port, uri } = current;
  let state: SupervisorState = 'up';
  let restarts = 0;
  let delayMs = backoff.initialMs;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<unknown> | undefined;

  const nextDelay = () => {
    const delay = delayMs;
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
    return delay;
  };

  const watch = (running: RunningFerretDB) => {
    void running.exited.then((exit) => {
      if (state === 'stopped') return;
      current = undefined;
      state = 'restarting';
      if (exit.uptimeMs >= backoff.stableMs) delayMs = backoff.initialMs;
      const downSince = Date.now();
      const delay = nextDelay();
      events.onExit?.(exit, delay);
      schedule(delay, downSince);
    });
  };

  const schedule = (delay: number, downSince: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      starting = startFerretDB({ ...options, port }).then(
        (running) => {
          if (state === 'stopped') return running.stop();
          current = running;
          state = 'up';
          restarts += 1;
          watch(running);
          events.onRestarted?.({ restarts, downMs: Date.now() - downSince, pid: running.pid });
          return undefined;
        },
        (error: Error) => {
          if (state === 'stopped') return;
          const retry = nextDelay();
          events.onStartFailed?.(error, retry);
          schedule(retry, downSince);
        },
      ).finally(() => { starting = undefined; });
    }, delay);
  };

  watch(current);
  return {
    uri,
    port,
    get pid() { return current?.pid; },
    status: () => ({ state, restarts }),
    async stop() {
      state = 'stopped';
      clearTimeout(timer);
      await starting;
      await current?.stop();
      current = undefined;
    },
  };
}
