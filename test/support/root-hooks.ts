import { releaseSharedDatabase } from './app.js';
import { assertNoUnexpectedIncidents, noteIncidentsOf } from './incidents.js';

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
