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
  /** Where this FerretDB keeps its data. */
  handler: 'sqlite' | 'postgresql';
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
  const first = await startFerretDB(options);
  // Restarts reuse the first port: the URI the driver holds must keep pointing at the database.
  const supervisor = new Supervisor({ ...options, port: first.port }, events, backoff, first);
  return {
    uri: first.uri,
    port: first.port,
    handler: options.handler ?? 'sqlite',
    get pid() { return supervisor.current?.pid; },
    status: () => ({ state: supervisor.state, restarts: supervisor.restarts }),
    stop: () => supervisor.stop(),
  };
}

class Supervisor {
  state: SupervisorState = 'up';
  restarts = 0;
  private delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<unknown> | undefined;

  current: RunningFerretDB | undefined;

  constructor(
    private readonly options: FerretDBOptions & { port: number },
    private readonly events: SupervisorEvents,
    private readonly backoff: Backoff,
    first: RunningFerretDB,
  ) {
    this.delayMs = backoff.initialMs;
    this.current = first;
    this.watch(first);
  }

  async stop(): Promise<void> {
    // Set first, so the exit that stop() causes is not taken for a crash.
    this.state = 'stopped';
    clearTimeout(this.timer);
    await this.starting;
    await this.current?.stop();
    this.current = undefined;
  }

  private nextDelay(): number {
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxMs);
    return delay;
  }

  private watch(running: RunningFerretDB): void {
    void running.exited.then((exit) => {
      if (this.state === 'stopped') return;
      this.current = undefined;
      this.state = 'restarting';
      if (exit.uptimeMs >= this.backoff.stableMs) this.delayMs = this.backoff.initialMs;
      const delay = this.nextDelay();
      this.events.onExit?.(exit, delay);
      this.schedule(delay, Date.now());
    });
  }

  private schedule(delay: number, downSince: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.starting = startFerretDB(this.options)
        .then((running) => this.started(running, downSince), (error: Error) => this.failed(error, downSince))
        .finally(() => { this.starting = undefined; });
    }, delay);
  }

  private async started(running: RunningFerretDB, downSince: number): Promise<void> {
    if (this.state === 'stopped') return running.stop();
    this.current = running;
    this.state = 'up';
    this.restarts += 1;
    this.watch(running);
    this.events.onRestarted?.({ restarts: this.restarts, downMs: Date.now() - downSince, pid: running.pid });
  }

  private failed(error: Error, downSince: number): void {
    if (this.state === 'stopped') return;
    const retry = this.nextDelay();
    this.events.onStartFailed?.(error, retry);
    this.schedule(retry, downSince);
  }
}
