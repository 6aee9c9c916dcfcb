import { expect } from 'chai';
import { MongoClient, type Db } from 'mongodb';
import { UnacknowledgedWriteError, guardCommands } from '../../src/shared/db/command-guard.js';
import { CLIENT_OPTIONS } from '../../src/shared/db/connection.js';
import { ReplyMismatchError } from '../../src/shared/db/verified-connection.js';

/** The replies three point lookups get after an unacknowledged delete on a one-connection client. */
async function readsAfterUnacknowledgedWrite(db: Db): Promise<Array<string | { _id: number; owner: string }>> {
  const people = db.collection<{ _id: number; owner: string }>('people');
  await people.insertMany([{ _id: 1, owner: 'kari' }, { _id: 2, owner: 'ola' }, { _id: 3, owner: 'per' }]);
  await people.deleteMany({ owner: 'nobody' }, { writeConcern: { w: 0 } }).catch(() => undefined);
  const outcomes: Array<string | { _id: number; owner: string }> = [];
  for (const id of [1, 2, 3]) {
    outcomes.push(await people.findOne({ _id: id }).then((doc) => doc ?? 'missing', (error: Error) => error.name));
  }
  return outcomes;
}

describe('shared/db', () => {
  const clients: MongoClient[] = [];
  const databaseName = `wire_${process.pid}`;
  async function client(options: object): Promise<MongoClient> {
    const created = new MongoClient(process.env.TEST_MONGODB_URI!, { maxPoolSize: 1, ...options });
    clients.push(created);
    return created.connect();
  }
  afterEach(async () => {
    for (const c of clients.splice(0)) {
      await c.db(databaseName).dropDatabase().catch(() => undefined);
      await c.close();
    }
  });

  describe('the database server out of step', () => {
    it('when a plain driver client sends an unacknowledged write to FerretDB, then later reads get other requests\' replies (the defect we guard against)', async () => {
      const outcomes = await readsAfterUnacknowledgedWrite((await client({})).db(databaseName));
      expect(outcomes).to.not.deep.equal([{ _id: 1, owner: 'kari' }, { _id: 2, owner: 'ola' }, { _id: 3, owner: 'per' }]);
    });

    it('when the app\'s client is asked for an unacknowledged write, then it is refused before it is sent and later reads are right', async () => {
      const guarded = await client(CLIENT_OPTIONS);
      const incidents: string[] = [];
      guardCommands(guarded, { onIncident: (incident) => incidents.push(`${incident.kind}:${incident.commandName}`) });
      const db = guarded.db(databaseName);
      const refused = await db.collection('people').deleteMany({}, { writeConcern: { w: 0 } }).then(() => undefined, (error: unknown) => error);
      expect(refused).to.be.instanceOf(UnacknowledgedWriteError);
      expect(incidents).to.deep.equal(['unacknowledged-write:delete']);
      expect(await readsAfterUnacknowledgedWrite(db)).to.deep.equal([{ _id: 1, owner: 'kari' }, { _id: 2, owner: 'ola' }, { _id: 3, owner: 'per' }]);
    });

    it('when a reply answers another request, then that request fails, the connection is dropped, and no request reads another\'s reply', async () => {
      // The app's connection class without the guard, so the unacknowledged write does go out.
      const verified = await client(CLIENT_OPTIONS);
      const incidents: string[] = [];
      guardCommands(verified, { onIncident: (incident) => incidents.push(incident.kind) });
      verified.removeAllListeners('commandStarted');
      const outcomes = await readsAfterUnacknowledgedWrite(verified.db(databaseName));
      expect(outcomes[0]).to.equal(new ReplyMismatchError(0, 0).name);
      expect(outcomes.slice(1)).to.deep.equal([{ _id: 2, owner: 'ola' }, { _id: 3, owner: 'per' }]);
      expect(incidents).to.include('wire-protocol-error');
    });
  });
});
