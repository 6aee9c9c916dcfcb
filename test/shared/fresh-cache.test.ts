import { expect } from 'chai';
import mongoose, { Schema } from 'mongoose';
import { byField, noteChangesOf } from '../../src/shared/db/change-notes.js';
import { noteChange, readThroughCache } from '../../src/shared/db/fresh-cache.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { recordCommands, scansAmong } from '../support/command-budget.js';

// A small model of its own, so the hooks are tested apart from any component's rules.
const probeSchema = new Schema({ groupId: { type: String, required: true }, label: String });
noteChangesOf(probeSchema, { scopesOf: byField('groupId', (id) => `probe:${id}`) });
const Probe = mongoose.model('CacheProbe', probeSchema);

const labelsOf = (groupId: string) => readThroughCache(`probe-labels:${groupId}`, [`probe:${groupId}`], async () => {
  const rows = await Probe.find({ groupId }).lean<Array<{ label: string }>>();
  return rows.map((r) => r.label).sort();
});

describe('shared/db fresh cache', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await Probe.createCollection().catch(() => undefined);
  });
  afterEach(async () => t.close());

  it('when nothing changed since the build, then a read is two point lookups and returns the cached value', async () => {
    await Probe.create({ groupId: 'a', label: 'one' });
    expect(await labelsOf('a')).to.deep.equal(['one']);
    const { result, commands } = await recordCommands(() => labelsOf('a'));
    expect(result).to.deep.equal(['one']);
    expect(commands.map((c) => c.name)).to.deep.equal(['find', 'find']);
    expect(scansAmong(commands)).to.deep.equal([]);
  });

  it('when a row is created, updated by _id or deleted through the model, then the next read rebuilds', async () => {
    const row = await Probe.create({ groupId: 'a', label: 'one' });
    expect(await labelsOf('a')).to.deep.equal(['one']);
    await Probe.updateOne({ _id: row._id }, { $set: { label: 'two' } });
    expect(await labelsOf('a')).to.deep.equal(['two']);
    await Probe.insertMany([{ groupId: 'a', label: 'three' }, { groupId: 'b', label: 'other' }]);
    expect(await labelsOf('a')).to.deep.equal(['three', 'two']);
    await Probe.deleteOne({ _id: row._id });
    expect(await labelsOf('a')).to.deep.equal(['three']);
  });

  it('when 40 writers and 40 readers run at once, then afterwards a read shows every write', async function () {
    this.timeout(60_000);
    await labelsOf('crowd');
    const writers = Array.from({ length: 40 }, (_, i) => Probe.create({ groupId: 'crowd', label: `w${String(i).padStart(2, '0')}` }));
    const readers = Array.from({ length: 40 }, () => labelsOf('crowd'));
    await Promise.all([...writers, ...readers]);
    expect(await labelsOf('crowd')).to.have.length(40);
  });

  it('when 40 first changes of a scope race, then none fails and the scope has one version', async () => {
    await Promise.all(Array.from({ length: 40 }, () => noteChange(['race:1'])));
    expect(await mongoose.model('ScopeVersion').countDocuments({ _id: 'race:1' })).to.equal(1);
  });
});
