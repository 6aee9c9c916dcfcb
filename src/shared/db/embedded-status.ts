import type { SupervisedFerretDB, SupervisorStatus } from './ferretdb-supervisor.js';

/** What /healthz shows of an embedded FerretDB: its supervisor's view and where it keeps its data. */
export type EmbeddedStatus = SupervisorStatus & Pick<SupervisedFerretDB, 'handler'>;

// One process runs at most one embedded FerretDB; /healthz is built without knowing whether it does.
let source: Pick<SupervisedFerretDB, 'status' | 'handler'> | undefined;

/** Makes the embedded FerretDB visible to /healthz; undefined when none runs in this process. */
export function reportEmbeddedDatabase(ferret: Pick<SupervisedFerretDB, 'status' | 'handler'> | undefined): void {
  source = ferret;
}

/** The supervisor's state, restart count and handler, or undefined when this process did not start FerretDB. */
export function embeddedDatabaseStatus(): EmbeddedStatus | undefined {
  return source && { ...source.status(), handler: source.handler };
}
