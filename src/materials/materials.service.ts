import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Types } from 'mongoose';
import type { AccountView } from '../accounts/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { mayDeleteMaterial } from './access.js';
import { FileTooLargeError } from './errors.js';
import { detectFileKind } from './file-kinds.js';
import { sanitiseFileName } from './file-name.js';
import { putFile, readFile, removeFile } from './gridfs.js';
import { Material } from './material.model.js';
import { toObjectId } from '../shared/db/ids.js';

/** What a trainer (or the seed script) hands over to store one material. */
export interface StoreMaterialInput {
  title: string;
  courseSlug: string;
  moduleSlug: string;
  sessionId?: string;
  originalName: string;
  bytes: Buffer;
  /** The uploading account's id. */
  uploadedBy: string;
}

/** A material as lists show it. */
export interface MaterialSummary {
  id: string;
  title: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** A material as a download needs it: where it belongs and how to send it. */
export interface MaterialFile extends MaterialSummary {
  courseSlug: string;
  moduleSlug: string;
  sha256: string;
  gridFsId: Types.ObjectId;
  uploadedBy: string;
  sessionId?: string;
}

function toSummary(doc: { _id: Types.ObjectId; title: string; fileName: string; size: number; contentType: string }): MaterialSummary {
  return { id: String(doc._id), title: doc.title, fileName: doc.fileName, size: doc.size, contentType: doc.contentType };
}

function assertTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new ValidationError({ title: 'forms.required' });
  return trimmed;
}

/**
 * Stores an upload: checks its size, decides its kind from its content, gives
 * it a safe name, writes it to GridFS and records it. Nothing is left in GridFS
 * when any step fails.
 */
export async function storeMaterial(input: StoreMaterialInput, limits: { maxBytes?: number } = {}): Promise<MaterialSummary> {
  const title = assertTitle(input.title);
  if (limits.maxBytes !== undefined && input.bytes.length > limits.maxBytes) throw new FileTooLargeError();
  if (input.sessionId !== undefined && !toObjectId(input.sessionId)) throw new ValidationError({ sessionId: 'forms.invalid' });
  const kind = await detectFileKind(input.bytes);
  const fileName = sanitiseFileName(input.originalName, kind.ext);
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const gridFsId = await putFile(fileName, input.bytes, { contentType: kind.contentType, sha256 });
  try {
    const material = await Material.create({
      title, courseSlug: input.courseSlug, moduleSlug: input.moduleSlug, sessionId: input.sessionId,
      fileName, contentType: kind.contentType, size: input.bytes.length, sha256, gridFsId, uploadedBy: input.uploadedBy,
    });
    return toSummary(material);
  } catch (error) {
    // No transactions on FerretDB: undo the file so it does not linger unreferenced.
    await removeFile(gridFsId);
    throw error;
  }
}

/** The materials of one course module, oldest first, for the module page. */
export async function listMaterialsForModule(courseSlug: string, moduleSlug: string): Promise<MaterialSummary[]> {
  const docs = await Material.find({ courseSlug, moduleSlug }).sort({ createdAt: 1, _id: 1 }).lean();
  return docs.map(toSummary);
}

/** The materials of one course module for the upload page, each saying whether this account may delete it. */
export async function listMaterialsToManage(account: AccountView, courseSlug: string, moduleSlug: string): Promise<Array<MaterialSummary & { canDelete: boolean }>> {
  const docs = await Material.find({ courseSlug, moduleSlug }).sort({ createdAt: 1, _id: 1 }).lean();
  return Promise.all(docs.map(async (doc) => ({
    ...toSummary(doc),
    canDelete: await mayDeleteMaterial(account, { uploadedBy: String(doc.uploadedBy), ...(doc.sessionId ? { sessionId: String(doc.sessionId) } : {}) }),
  })));
}

/** One material for download; an unknown or malformed id is NotFound. */
export async function findMaterial(id: string): Promise<MaterialFile> {
  const materialId = toObjectId(id);
  const doc = materialId && (await Material.findById(materialId).lean());
  if (!doc) throw new NotFoundError('materials.errors.notFound');
  return {
    ...toSummary(doc), courseSlug: doc.courseSlug, moduleSlug: doc.moduleSlug, sha256: doc.sha256, gridFsId: doc.gridFsId,
    uploadedBy: String(doc.uploadedBy), ...(doc.sessionId ? { sessionId: String(doc.sessionId) } : {}),
  };
}

/** The material's bytes, all of them or the inclusive range `start`–`end`. */
export function readMaterialContent(material: MaterialFile, range?: { start: number; end: number }): Readable {
  return readFile(material.gridFsId, range);
}

/**
 * Removes a material's record, then its content, when the account may (access.ts: its uploader,
 * its garden's coordinators, admins); returns where it belonged so the caller can go back there.
 */
export async function deleteMaterial(account: AccountView, id: string): Promise<{ title: string; courseSlug: string; moduleSlug: string }> {
  const material = await findMaterial(id);
  if (!(await mayDeleteMaterial(account, material))) throw new ForbiddenError('materials.errors.notYours');
  // Record first: a failure in between leaves unreferenced chunks, never a listed material without content.
  await Material.deleteOne({ _id: material.id });
  await removeFile(material.gridFsId);
  return { title: material.title, courseSlug: material.courseSlug, moduleSlug: material.moduleSlug };
}
