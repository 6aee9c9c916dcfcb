import { expect } from 'chai';
import mongoose from 'mongoose';
import { appendNext, claimFirstFree, ClaimContendedError, insertOnce, insertOrReadWinner, retryWhileTaken, unlessTaken } from '../../src/shared/db/claims.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('shared/db', () => {
  describe('claims', () => {
    let t: TestApp;
    beforeEach(async () => { t = await startTestApp(); });
    afterEach(async () => t.close());

    const collection = async (name: string, unique: Record<string, 1>) => {
      const c = mongoose.connection.db!.collection(name);
      await c.createIndex(unique, { unique: true });
      return c;
    };

    it('when 20 requests insert the same key at once, then exactly one stores it', async () => {
      const links = await collection('claims_links', { secret: 1 });
      const results = await Promise.all(Array.from({ length: 20 }, () => insertOnce(() => links.insertOne({ secret: 'abc' }))));
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await links.countDocuments()).to.equal(1);
    });

    it('when 10 updates give 10 documents the same unique value at once, then one stores it and 9 are told it is taken', async () => {
      // FerretDB refuses such an update with the backend's own words rather than code 11000; both must read as "taken".
      const names = await collection('claims_names', { name: 1 });
      await names.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i as never, name: `hage ${i}` })));
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        unlessTaken(() => names.updateOne({ _id: i as never }, { $set: { name: 'Fjellhagen' } }).then(() => 'stored'), () => 'taken')));
      expect(results.filter((r) => r === 'stored')).to.have.length(1);
      expect(results.filter((r) => r === 'taken')).to.have.length(9);
      expect(await names.countDocuments({ name: 'Fjellhagen' })).to.equal(1);
    });

    it('when 12 requests claim among 5 seats at once, then 5 get one each and 7 get none', async () => {
      const seats = await collection('claims_seats', { seatNo: 1 });
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => claimFirstFree([1, 2, 3, 4, 5], (seatNo) => seats.insertOne({ seatNo, holder: i }))));
      const won = results.filter((r) => r !== undefined);
      expect(won.sort()).to.deep.equal([1, 2, 3, 4, 5]);
      expect(await seats.countDocuments()).to.equal(5);
    });

    it('when 10 requests append at once, then they get the numbers 1 to 10, each once', async () => {
      const versions = await collection('claims_versions', { version: 1 });
      const last = async () => (await versions.find({}).sort({ version: -1 }).limit(1).toArray())[0]?.version ?? 0;
      const numbers = await Promise.all(Array.from({ length: 10 }, () => appendNext(last, (version) => versions.insertOne({ version }), 25)));
      expect(numbers.sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('when 20 requests write the same key at once, then one inserts and the other 19 take the other way', async () => {
      const marks = await collection('claims_marks', { person: 1 });
      const ways = await Promise.all(Array.from({ length: 20 }, (_, i) => unlessTaken(
        async () => { await marks.insertOne({ person: 'kari', status: i }); return 'inserted'; },
        async () => { await marks.updateOne({ person: 'kari' }, { $set: { status: i } }); return 'updated'; },
      )));
      expect(ways.filter((way) => way === 'inserted')).to.have.length(1);
      expect(ways.filter((way) => way === 'updated')).to.have.length(19);
      expect(await marks.countDocuments()).to.equal(1);
    });

    it('when 20 requests create the same company at once, then one creates it and all 20 get that one', async () => {
      const companies = await collection('claims_companies', { orgNumber: 1 });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => insertOrReadWinner(
        async () => { const doc = { orgNumber: '123456785', by: i }; await companies.insertOne(doc); return doc.by; },
        async () => (await companies.findOne({ orgNumber: '123456785' }))?.by as number | undefined,
        3,
      )));
      expect(results.filter((r) => r.created)).to.have.length(1);
      const winner = results.find((r) => r.created)!.value;
      expect(results.map((r) => r.value)).to.deep.equal(Array(20).fill(winner));
      expect(await companies.countDocuments()).to.equal(1);
    });

    it('when 10 requests replace the one token of a slot at once, then one token is left and every request stored or was told to retry', async () => {
      const tokens = await collection('claims_tokens', { slot: 1 });
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => retryWhileTaken(async () => {
        await tokens.deleteOne({ slot: 'kari' });
        await tokens.insertOne({ slot: 'kari', secret: i });
        return i;
      }, 5).catch((error: unknown) => error)));
      const stored = outcomes.filter((o): o is number => typeof o === 'number');
      expect(outcomes.filter((o) => typeof o !== 'number').every((o) => o instanceof ClaimContendedError)).to.equal(true);
      expect(stored.length).to.be.above(0);
      const left = await tokens.find({}).toArray();
      expect(left).to.have.length(1);
      expect(stored).to.include(left[0]!.secret);
    });
  });
});
