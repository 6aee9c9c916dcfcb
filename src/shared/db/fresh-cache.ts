import crypto from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { unlessTaken } from './claims.js';

/*
 * Derived documents whose freshness one point lookup proves. FerretDB's SQLite
 * backend answers only {_id: value} without reading the whole collection, so a
 * page that must gather rows by another field (a cohort's marks, say) reads a
 * cache document by _id instead, and rebuilds it from the source of truth when
 * it is stale.
 *
 * A **scope** (e.g. `cohort:<id>`) names a set of source rows. Every write to a
 * row of a scope, once stored, rewrites the scope's **version** document with a
 * fresh random token (noteChange). A cache records the tokens it read *before*
 * reading the rows it was built from. It is fresh while every token is the same.
 *
 * Why no write is missed, although FerretDB has no atomic read-modify-write:
 * a row a build did not see was stored after the build read the rows, so after
 * the tokens were read; its writer rewrites the token after storing the row, so
 * the current token is then a new random value, whichever concurrent rewrite
 * wins. Tokens are never reused, so a rewrite can never bring back the token a
 * stale cache holds. Two builds racing to store a cache at worst store the
 * older one, which the next reader sees as stale and rebuilds.
 *
 * What this does not cover: a writer that dies between storing its row and
 * rewriting the token leaves caches stale until the scope's next change.
 */

const versionSchema = new Schema({ _id: { type: String }, token: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false });
const ScopeVersion = mongoose.model('ScopeVersion', versionSchema);

const cacheSchema = new Schema({
  _id: { type: String },
  tokens: { type: [String], required: true },
  value: { type: Schema.Types.Mixed, required: true },
  builtAt: { type: Date, required: true },
}, { versionKey: false, minimize: false });
const FreshCache = mongoose.model('FreshCache', cacheSchema);

/**
 * A writer that dies between storing its rows and noting the change leaves a cache that its
 * tokens call fresh. Rebuilding any cache this old bounds how long such a page can lag.
 */
const MAX_AGE_MS = 10 * 60_000;

// A scope that has never changed since versions were first kept.
const NEVER_CHANGED = 'initial';

/** Marks every row of these scopes as changed: call it after the rows are stored. */
export async function noteChange(scopes: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(scopes)].map(async (scope) => {
    const version = { token: crypto.randomUUID(), at: new Date() };
    // Two first changes may race to insert the version document: the loser writes over the winner's token.
    await unlessTaken(
      () => ScopeVersion.updateOne({ _id: scope }, { $set: version }, { upsert: true }),
      () => ScopeVersion.updateOne({ _id: scope }, { $set: version }),
    );
  }));
}

/**
 * The value cached under `key` when no scope it depends on changed since it
 * was built; otherwise builds it again, stores it and returns it. A fresh
 * cache costs 1 + scopes.length point lookups, sent together. The value is
 * stored as BSON: plain objects, arrays, strings, numbers, booleans and dates.
 */
export async function readThroughCache<T>(key: string, scopes: string[], build: () => Promise<T>): Promise<T> {
  const [cached, ...versions] = await Promise.all([
    FreshCache.findById(key).lean(),
    ...scopes.map((scope) => ScopeVersion.findById(scope, { token: 1 }).lean()),
  ]);
  const tokens = versions.map((v) => v?.token ?? NEVER_CHANGED);
  const unchanged = cached && cached.tokens.length === tokens.length && cached.tokens.every((token, i) => token === tokens[i]);
  if (unchanged && Date.now() - cached.builtAt.getTime() < MAX_AGE_MS) return cached.value as T;
  const value = await build();
  const stored = { tokens, value, builtAt: new Date() };
  // Another reader may store its build first; either copy is checked the same way on the next read.
  await unlessTaken(() => FreshCache.replaceOne({ _id: key }, stored, { upsert: true }), () => undefined);
  return value;
}

/**
 * Drops every cached value, and the version documents whose scope names `id` (a person's
 * `staff:<id>`). Caches hold names and addresses beside their rows; after a person's erasure
 * none may keep theirs. They are derived, so the next reader rebuilds them. A build that began
 * before the erasure may still store its copy afterwards: its tokens are stale by then, so it is
 * never served and is replaced by the next read.
 */
export async function dropCachedValues(id: string): Promise<void> {
  await FreshCache.deleteMany({});
  // Scope ids are few and short; this reads the collection, which is fine for a rare erasure.
  const versions = await ScopeVersion.find({}, { _id: 1 }).lean();
  for (const version of versions.filter((v) => String(v._id).includes(id))) await ScopeVersion.deleteOne({ _id: version._id });
}
