import mongoose, { type Types } from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The bucket's name: its collections are `materials.files` and `materials.chunks`. */
export const BUCKET_NAME = 'materials';

// Made per call: the connection (and in tests, the database) can change between requests.
function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('the database is not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET_NAME });
}

/** Writes the bytes as one GridFS file and returns its id; a failed write leaves no chunks behind. */
export async function putFile(fileName: string, bytes: Buffer, metadata: Record<string, unknown>): Promise<Types.ObjectId> {
  const target = bucket();
  const upload = target.openUploadStream(fileName, { metadata });
  try {
    await pipeline(Readable.from([bytes]), upload);
  } catch (error) {
    await target.delete(upload.id).catch(() => undefined);
    throw error;
  }
  return upload.id as Types.ObjectId;
}

/** Streams the file's bytes from `start` to `end`, both inclusive (GridFS's own `end` is exclusive). */
export function readFile(id: Types.ObjectId, range?: { start: number; end: number }): Readable {
  return bucket().openDownloadStream(id, range ? { start: range.start, end: range.end + 1 } : undefined);
}

/** Removes the file and its chunks; a file that is already gone is not an error. */
export async function removeFile(id: Types.ObjectId): Promise<void> {
  await bucket().delete(id).catch((error: Error) => {
    if (!/FileNotFound|File not found/i.test(error.message)) throw error;
  });
}
