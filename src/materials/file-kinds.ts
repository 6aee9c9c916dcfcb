import { fileTypeFromBuffer } from 'file-type';
import { UnsupportedFileTypeError } from './errors.js';

/** A kind of file trainers may upload: its canonical extension, content type and a label for the form. */
export interface FileKind {
  ext: string;
  contentType: string;
  label: string;
}

/** The accepted kinds, keyed by the extension file-type reports for them. */
export const ACCEPTED_KINDS: readonly FileKind[] = [
  { ext: 'pdf', contentType: 'application/pdf', label: 'PDF' },
  { ext: 'pptx', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint (.pptx)' },
  { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (.docx)' },
  { ext: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (.xlsx)' },
  { ext: 'png', contentType: 'image/png', label: 'PNG' },
  { ext: 'jpg', contentType: 'image/jpeg', label: 'JPEG' },
  { ext: 'mp4', contentType: 'video/mp4', label: 'MP4' },
];

const EXECUTABLE_EXTS = new Set(['exe', 'elf', 'macho', 'dll', 'msi', 'class', 'wasm', 'apk', 'jar', 'dex']);
// Checked by hand as well, so an executable is named as such even when file-type cannot parse the rest of it.
const EXECUTABLE_MAGIC = [Buffer.from('MZ'), Buffer.from('\x7fELF', 'latin1'), Buffer.from('#!')];

/**
 * Decides the kind from the content alone (magic bytes); the file name and the
 * browser's claimed type are never consulted. Throws UnsupportedFileTypeError.
 */
export async function detectFileKind(bytes: Buffer): Promise<FileKind> {
  if (bytes.length === 0) throw new UnsupportedFileTypeError('materials.errors.empty');
  // The whole buffer is passed: OOXML is only told apart from a plain zip by reading its entries.
  const detected = await fileTypeFromBuffer(bytes);
  const kind = ACCEPTED_KINDS.find((k) => k.ext === detected?.ext);
  if (kind) return kind;
  const looksExecutable = EXECUTABLE_MAGIC.some((magic) => bytes.subarray(0, magic.length).equals(magic))
    || EXECUTABLE_EXTS.has(detected?.ext ?? '');
  throw new UnsupportedFileTypeError(looksExecutable ? 'materials.errors.executable' : 'materials.errors.unsupportedType');
}

/** The `accept` attribute for the file input: a hint to the browser, not a check. */
export function acceptAttribute(): string {
  return [...ACCEPTED_KINDS.map((k) => `.${k.ext}`), '.jpeg', ...ACCEPTED_KINDS.map((k) => k.contentType)].join(',');
}
