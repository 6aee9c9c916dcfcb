import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentDisposition } from './file-name.js';
import type { MaterialFile } from './materials.service.js';

type ByteRange = { start: number; end: number };

/**
 * The single byte range asked for: undefined means "send everything" (no
 * Range header, a malformed one, or several ranges, which we may ignore);
 * 'unsatisfiable' means none of it lies within the file.
 */
function requestedRange(req: Request, size: number): ByteRange | 'unsatisfiable' | undefined {
  const ranges = req.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  return ranges[0];
}

/**
 * Sends a material as an attachment, honouring a single Range (206, or 416
 * when unsatisfiable) so videos can seek and interrupted downloads resume.
 */
export async function sendMaterial(req: Request, res: Response, material: MaterialFile, open: (range?: ByteRange) => Readable): Promise<void> {
  const range = requestedRange(req, material.size);
  res.set({ 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-store' });
  if (range === 'unsatisfiable') {
    res.status(416).set('Content-Range', `bytes */${material.size}`).end();
    return;
  }
  res.status(range ? 206 : 200).set({
    'Content-Type': material.contentType,
    'Content-Disposition': attachmentDisposition(material.fileName),
    'Content-Length': String(range ? range.end - range.start + 1 : material.size),
  });
  if (range) res.set('Content-Range', `bytes ${range.start}-${range.end}/${material.size}`);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(open(range), res);
  } catch (error) {
    // Once bytes are on their way the status cannot change; pipeline has already cut the connection.
    if (!res.headersSent) throw error;
  }
}
