import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { removeFile } from './gridfs.js';
import { Material } from './material.model.js';

/*
 * The materials component's part of a person's export and erasure. The filter on uploadedBy reads
 * the whole collection on FerretDB: acceptable for an export or an erasure, which are rare.
 */

/** The files the person uploaded (what is known about them; the files themselves download from their pages). */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const materials = await Material.find({ uploadedBy: subject.personId }).sort({ createdAt: 1 }).lean();
  return {
    uploads: materials.map((m) => ({
      id: String(m._id), title: m.title, fileName: m.fileName, contentType: m.contentType, size: m.size,
      course: m.courseSlug, module: m.moduleSlug, sessionId: m.sessionId ? String(m.sessionId) : undefined, uploadedAt: m.createdAt,
    })),
  };
}

/** The person's uploads go with their files: the file first, so a step cut short still finds the material. */
export async function erasePerson(erasure: Erasure): Promise<void> {
  for (const material of await Material.find({ uploadedBy: erasure.personId }, { gridFsId: 1 }).lean()) {
    await removeFile(material.gridFsId);
    await Material.deleteOne({ _id: material._id });
  }
}
