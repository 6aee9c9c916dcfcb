import { ConfigError } from './config.js';

/** Runs `close` once on the first SIGINT or SIGTERM, then exits: long-running processes shut down cleanly. */
export function onShutdown(close: (signal: string) => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await close(signal);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Starts a process's main function; a bad configuration ends it with its one-line message. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
