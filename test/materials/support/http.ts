import mongoose from 'mongoose';
import type { Response } from 'superagent';
import type { Agent } from '../../support/http.js';
import { formToken } from '../../support/http.js';

export const COURSE = 'digital-strategy';
export const MODULE = 'digital-opportunities';
export const MODULE_PATH = `/courses/${COURSE}/modules/${MODULE}`;
export const NEW_PATH = `${MODULE_PATH}/materials/new`;

/** Uploads the way the form does: the token in the action's query string, title and file as multipart. */
export async function upload(agent: Agent, file: { bytes: Buffer; name: string }, title = 'Lysark fra samling 1', tokenPage = NEW_PATH) {
  const token = await formToken(agent, tokenPage);
  return agent.post(`${MODULE_PATH}/materials?_csrf=${encodeURIComponent(token)}`)
    .field('title', title)
    .attach('file', file.bytes, file.name);
}

/** Collects a response body as raw bytes, whatever its content type. */
export function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  // In Node, superagent hands the parser the raw response stream, typed as its own Response.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** How many files and chunks the `materials` GridFS bucket holds. */
export async function gridFsCounts(): Promise<{ files: number; chunks: number }> {
  const db = mongoose.connection.db!;
  const [files, chunks] = await Promise.all([
    db.collection('materials.files').countDocuments(),
    db.collection('materials.chunks').countDocuments(),
  ]);
  return { files, chunks };
}
