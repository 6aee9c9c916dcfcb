import type { Model } from 'mongoose';

const BATCH = 1000;

/** A repeatable pseudo-random sequence (mulberry32), so every run generates the same content. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Collects documents and inserts them through the model in unordered batches of
 * 1,000: the model casts them and fills defaults and timestamps, so they have the
 * app's real shape, and the database's unique indexes check them on the way in.
 */
export function batchWriter<T>(model: Model<T>, label: string) {
  let pending: object[] = [];
  let written = 0;
  const flush = async () => {
    if (!pending.length) return;
    const docs = pending;
    pending = [];
    await model.insertMany(docs, { ordered: false });
    written += docs.length;
    if (process.stdout.isTTY) process.stdout.write(`\r  ${label}: ${written}`);
  };
  return {
    async add(doc: object) {
      pending.push(doc);
      if (pending.length >= BATCH) await flush();
    },
    /** Writes what is left and prints the count. */
    async done(): Promise<number> {
      await flush();
      const line = `  ${label}: ${written}`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}\n`);
      else console.log(line);
      return written;
    },
  };
}
