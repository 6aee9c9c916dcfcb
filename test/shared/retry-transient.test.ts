import { expect } from 'chai';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { isTransientDbError, retryTransient, transientRetries } from '../../src/shared/db/retry-transient.js';

// The error FerretDB v1.24 (SQLite) answered when the test enrolled 300 companies at once.
const locked = () => new MongoServerError({
  ok: 0, code: 1, codeName: 'InternalError',
  errmsg: '[msg_insert.go:168 handler.(*Handler).MsgInsert] [collection.go:135 sqlite.(*collection).InsertAll.func1] database is locked (5) (SQLITE_BUSY)',
});

describe('shared: retryTransient', () => {
  it('when FerretDB says the database is locked, or the connection drops, then it is transient; a duplicate key or a bad filter is not', () => {
    expect(isTransientDbError(locked())).to.equal(true);
    expect(isTransientDbError(new MongoNetworkError('connection 3 to 127.0.0.1:27027 closed'))).to.equal(true);
    expect(isTransientDbError(new MongoServerError({ ok: 0, code: 11000, errmsg: 'E11000 duplicate key error' }))).to.equal(false);
    expect(isTransientDbError(new MongoServerError({ ok: 0, code: 1, errmsg: 'some other internal error' }))).to.equal(false);
    expect(isTransientDbError(new Error('database is locked'))).to.equal(false);
  });

  it('when a step fails twice with a locked database, then the third try answers and two retries are counted', async () => {
    const before = transientRetries();
    let calls = 0;
    const result = await retryTransient(async () => {
      calls += 1;
      if (calls < 3) throw locked();
      return 'done';
    }, { baseDelayMs: 1 });
    expect(result).to.equal('done');
    expect(calls).to.equal(3);
    expect(transientRetries() - before).to.equal(2);
  });

  it('when the error is not transient, then it is thrown at once; when it stays transient, then it is thrown after the last try', async () => {
    let calls = 0;
    const duplicate = new MongoServerError({ ok: 0, code: 11000, errmsg: 'E11000 duplicate key error' });
    expect(await retryTransient(async () => { calls += 1; throw duplicate; }).catch((e: unknown) => e)).to.equal(duplicate);
    expect(calls).to.equal(1);
    calls = 0;
    const error = await retryTransient(async () => { calls += 1; throw locked(); }, { attempts: 4, baseDelayMs: 1 }).catch((e: unknown) => e);
    expect(isTransientDbError(error)).to.equal(true);
    expect(calls).to.equal(4);
  });
});
