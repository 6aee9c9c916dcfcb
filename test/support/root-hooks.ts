import { releaseSharedDatabase } from './app.js';
import { registerMessages } from '../../src/messages.js';
import { assertNoUnexpectedIncidents, noteIncidentsOf } from './incidents.js';

// Every component's messages, as the app and the worker register them, for tests that translate without an app.
registerMessages();

// Set in each worker of a parallel run (mocha --parallel), where the root afterAll runs after every file.
const inParallelWorker = process.env.MOCHA_WORKER_ID !== undefined;

/** Hooks around every test of the run (mocha's root hook plugin). */
export const mochaHooks = {
  afterEach(this: Mocha.Context) {
    noteIncidentsOf(this.currentTest?.fullTitle());
  },
  async afterAll() {
    // A worker keeps its database for its next file: creating one costs seconds. The global
    // teardown drops what the workers leave (they are ended by process.exit, not by a hook).
    if (!inParallelWorker) await releaseSharedDatabase();
    assertNoUnexpectedIncidents();
  },
};
