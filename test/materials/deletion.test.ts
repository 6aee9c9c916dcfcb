import { expect } from 'chai';
import { Material } from '../../src/materials/material.model.js';
import { storeMaterial } from '../../src/materials/materials.service.js';
import { WorkshopSession } from '../../src/workshops/cohort.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn, type Agent } from '../support/http.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';
import { COURSE, gridFsCounts, MODULE, MODULE_PATH, NEW_PATH } from './support/http.js';
import * as sample from './support/samples.js';

/** Deletes the way the upload page's button does. */
async function remove(agent: Agent, id: string) {
  const token = csrfFrom((await agent.get('/dashboard')).text);
  return agent.post(`/materials/${id}/delete`).type('form').send({ _csrf: token });
}

describe('materials', () => {
  describe('delete: the uploader, the garden\'s coordinators and admins', () => {
    let t: TestApp;
    let world: Awaited<ReturnType<typeof buildWorld>>;

    /**
     * Garden G, whose coordinator Kari has a cohort taught by Trond, who uploaded the material;
     * garden H, with its coordinator and trainer, who have no part in it.
     */
    async function buildWorld() {
      const [coordinator, otherCoordinator, uploader, otherTrainer, admin] = await Promise.all([
        makeAccount({ roles: ['coordinator'] }), makeAccount({ roles: ['coordinator'] }),
        makeAccount({ roles: ['trainer'] }), makeAccount({ roles: ['trainer'] }), makeAccount({ roles: ['admin'] }),
      ]);
      const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
      const otherGarden = await makeGarden({ coordinatorIds: [otherCoordinator._id] });
      await makeCohort({ gardenId: garden._id, trainerIds: [uploader._id] });
      const otherCohort = await makeCohort({ gardenId: otherGarden._id, trainerIds: [otherTrainer._id] });
      const { id } = await storeMaterial({ title: 'Lysark', courseSlug: COURSE, moduleSlug: MODULE, originalName: 'lysark.pdf', bytes: sample.pdf(), uploadedBy: String(uploader._id) });
      const agent = (account: { email: string }) => signIn(t.app, account.email, PASSWORD);
      return { id, otherCohort, uploader, agent, accounts: { coordinator, otherCoordinator, uploader, otherTrainer, admin } };
    }

    beforeEach(async () => {
      t = await startTestApp();
      world = await buildWorld();
    });
    afterEach(async () => t.close());

    const unchanged = async () => {
      expect(await Material.countDocuments()).to.equal(1);
      expect(await gridFsCounts()).to.deep.equal({ files: 1, chunks: 1 });
    };
    const gone = async () => {
      expect(await Material.countDocuments()).to.equal(0);
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
    };

    /** Asks as each role that must be refused: 403, and the material and its content stay. */
    async function refused(...roles: Array<'otherTrainer' | 'otherCoordinator'>) {
      for (const role of roles) {
        expect((await remove(await world.agent(world.accounts[role]), world.id)).status, role).to.equal(403);
        await unchanged();
      }
    }

    /** Deletes as the role: back to the module page, and the record and its content are gone. */
    async function deletes(role: 'uploader' | 'coordinator' | 'admin') {
      const response = await remove(await world.agent(world.accounts[role]), world.id);
      expect(response.status, role).to.equal(302);
      expect(response.headers.location).to.equal(MODULE_PATH);
      await gone();
    }

    it('when a trainer who did not upload it deletes, then 403 and nothing is deleted; the uploader can', async () => {
      await unchanged();
      await refused('otherTrainer');
      await deletes('uploader');
    });

    it('when a coordinator of another garden deletes, then 403 and nothing is deleted; the uploader\'s garden coordinator can', async () => {
      await refused('otherCoordinator');
      await deletes('coordinator');
    });

    it('when everyone outside is refused, then an admin still deletes it', async () => {
      await refused('otherTrainer', 'otherCoordinator');
      await deletes('admin');
    });

    it('when a material belongs to a session, then that session\'s garden coordinates it, not the uploader\'s', async () => {
      const session = await WorkshopSession.create({
        cohortId: world.otherCohort._id, gardenId: world.otherCohort.gardenId, moduleSlug: MODULE, position: 1,
        startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000), room: 'Storsalen',
      });
      await Material.updateOne({ _id: world.id }, { $set: { sessionId: session._id } });
      expect((await remove(await world.agent(world.accounts.coordinator), world.id)).status).to.equal(403);
      await unchanged();
      expect((await remove(await world.agent(world.accounts.otherCoordinator), world.id)).status).to.equal(302);
      await gone();
    });

    it('when the upload page lists the module\'s materials, then only those the account may delete have a delete button', async () => {
      const deleteButton = `action="/materials/${world.id}/delete"`;
      expect((await (await world.agent(world.accounts.uploader)).get(NEW_PATH).expect(200)).text).to.contain(deleteButton);
      expect((await (await world.agent(world.accounts.coordinator)).get(NEW_PATH).expect(200)).text).to.contain(deleteButton);
      const other = (await (await world.agent(world.accounts.otherTrainer)).get(NEW_PATH).expect(200)).text;
      expect(other).to.contain('Lysark').and.not.contain(deleteButton);
    });
  });
});
