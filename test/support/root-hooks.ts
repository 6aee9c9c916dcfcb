import { releaseSharedDatabase } from './app.js';
import { registerMessages } from '../../src/messages.js';
import { assertNoUnexpectedIncidents, noteIncidentsOf } from './incidents.js';

// Every component's messages, as the app and the worker register them, for tests that translate without an app.
registerMessages();

/** Hooks around every test of the run (mocha's root hook plugin). */
export const mochaHooks = {
  afterEach(this: Mocha.Context) {
    noteIncidentsOf(this.currentTest?.fullTitle());
  },
  async afterAll() {
    await releaseSharedDatabase();
    assertNoUnexpectedIncidents();
  },
};
