import type { SupervisorStatus } from './ferretdb-supervisor.js';

// One process runs at most one embedded FerretDB; /healthz is built without knowing whether it does.
let source: (() => SupervisorStatus) | undefined;

/** Makes the embedded FerretDB's supervisor visible to /healthz; undefined when none runs in this process. */
export function reportEmbeddedDatabase(status: (() => SupervisorStatus) | undefined): void {
  source = status;
}

/** The supervisor's state and restart count, or undefined when this process did not start FerretDB. */
export function embeddedDatabaseStatus(): SupervisorStatus | undefined {
  return source?.();
}
