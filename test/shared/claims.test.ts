import { expect } from 'chai';
import mongoose from 'mongoose';
import { appendNext, claimFirstFree, insertOnce } from '../../src/shared/db/claims.js';
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
      const numbers = await Promise.all(Array.from({ length: 10 }, () => appendNext(last, (version) => versions.insertOne({ version }))));
      expect(numbers.sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });
});
