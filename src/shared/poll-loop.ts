/** A background pass run every `pollMs`, at once when kicked, and never twice at the same time. */
export interface PollLoop {
  start(): void;
  /** Stops polling and waits for the pass under way; passes check `halting` to stop between items. */
  stop(): Promise<void>;
  /** Runs a pass now, or right after the one under way. */
  kick(): void;
  /** Asks for another pass straight after this one (a full batch may hide more). */
  again(): void;
  /** True from stop() until the next start(). */
  readonly halting: boolean;
}

export interface PollLoopOptions {
  pass: () => Promise<unknown>;
  pollMs: number;
  /** A failed pass is reported and the loop goes on. */
  onError: (error: unknown) => void;
  /** Kicks are ignored while this says no (e.g. resting after the mail server was unreachable). */
  acceptsKick?: () => boolean;
}

/** The loop both mail workers run: one pass at a time, repeated while asked, then a rest of pollMs. */
export function createPollLoop(options: PollLoopOptions): PollLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let halting = false;

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void tick(), delayMs);
  }

  async function tick(): Promise<void> {
    if (running) { again = true; return; }
    running = (async () => {
      do {
        again = false;
        await options.pass().catch(options.onError);
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
      if (stopped || options.acceptsKick?.() === false) return;
      if (running) again = true;
      else schedule(0);
    },
    again() { again = true; },
    get halting() { return halting; },
  };
}
