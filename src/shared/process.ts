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

/**
 * Starts a process's main function; a bad configuration ends it with its one-line
 * message. An error nobody handled ends the process too, after saying what it
 * was: its state is unknown, and the service manager starts a fresh one.
 */
export function runMain(main: () => Promise<void>): void {
  const crash = (kind: string) => (error: unknown) => {
    console.error(`${kind}; stopping so a fresh process can take over:`, error);
    process.exit(1);
  };
  process.on('unhandledRejection', crash('unhandled promise rejection'));
  process.on('uncaughtException', crash('uncaught exception'));
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
