import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { crc32, storeOnlyZip } from './zip.js';

/** Small but real-format files of each accepted kind, built in the test rather than checked in. */

/** A PDF with one empty page, optionally padded (inside a comment-free stream) to `size` bytes. */
export function pdf(size = 0): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
    + '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n');
  const tail = Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n');
  const padding = crypto.randomBytes(Math.max(0, size - head.length - tail.length));
  return Buffer.concat([head, padding, tail]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 1×1 grey PNG. */
export function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JFIF header and end marker: the signature every JPEG starts with. */
export function jpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), Buffer.from([0xff, 0xd9]),
  ]);
}

/** An ISO base media file: an `ftyp` box with the `isom` brand and an empty `mdat`. */
export function mp4(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1')]);
  return Buffer.concat([ftyp, Buffer.from([0, 0, 0, 0x10]), Buffer.from('mdat', 'latin1'), crypto.randomBytes(8)]);
}

const OOXML = {
  docx: { dir: 'word', part: 'document', type: 'wordprocessingml.document' },
  xlsx: { dir: 'xl', part: 'workbook', type: 'spreadsheetml.sheet' },
  pptx: { dir: 'ppt', part: 'presentation', type: 'presentationml.presentation' },
} as const;

/** An Office Open XML package: `[Content_Types].xml` naming the main part, and that part. */
export function office(kind: keyof typeof OOXML): Buffer {
  const { dir, part, type } = OOXML[kind];
  const contentTypes = '<?xml version="1.0" encoding="UTF-8"?>'
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + `<Override PartName="/${dir}/${part}.xml" ContentType="application/vnd.openxmlformats-officedocument.${type}.main+xml"/>`
    + '</Types>';
  return storeOnlyZip([
    { name: '[Content_Types].xml', content: contentTypes },
    { name: `${dir}/${part}.xml`, content: '<?xml version="1.0" encoding="UTF-8"?><root/>' },
  ]);
}

/** The start of a Windows program: "MZ", the DOS stub and a PE header offset. */
export function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

/** The start of a Linux program: the ELF magic and a 64-bit little-endian header. */
export function linuxExecutable(): Buffer {
  const bytes = Buffer.alloc(64);
  bytes.write('\x7fELF', 0, 'latin1');
  bytes[4] = 2;
  bytes[5] = 1;
  bytes[6] = 1;
  return bytes;
}
