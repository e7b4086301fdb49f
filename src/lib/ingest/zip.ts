// The zip container of an .xlsx, read by its central directory (so part names are right whatever
// order the writer put the parts in) and one part at a time as a stream: node's own zlib inflates,
// nothing is held but the chunk being read. Only what workbooks use: stored and deflated entries,
// zip64 sizes; no encryption (an encrypted workbook is an OLE2 file, not a zip).
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip file by name (names as written: forward slashes, case kept). */
export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    // The end record is within the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
    const tailLen = Math.min(size, 65_557);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
    if (at < 0) throw new ZipError('no end of central directory');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if ((dirOffset === 0xffffffff || count === 0xffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const rec = await readAt(fh, Number(tail.readBigUInt64LE(at - 12)), 56);
      count = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
    const dir = await readAt(fh, dirOffset, dirSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged central directory');
      const flags = dir.readUInt16LE(p + 8);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const e: ZipEntry = {
        // bit 11: UTF-8 names; otherwise CP437, but OOXML part names are ASCII either way
        name: dir.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localOffset: dir.readUInt32LE(p + 42),
      };
      if (flags & 1) throw new ZipError(`encrypted entry ${e.name}`);
      zip64(e, dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
      entries.set(e.name.replace(/\\/g, '/'), e);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Sizes and offset that did not fit 32 bits are in the zip64 extra field, in this order. */
function zip64(e: ZipEntry, extra: Buffer): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let q = i + 4;
      const next = () => { const v = Number(extra.readBigUInt64LE(q)); q += 8; return v; };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      return;
    }
    i += 4 + len;
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new ZipError('truncated file');
  return buf;
}

/**
 * One part as text, chunk by chunk. The UTF-8 decoder is told the stream goes on ({ stream: true }),
 * so a character whose bytes are split between two chunks comes out whole (exceljs decoded each chunk
 * alone and turned such characters into U+FFFD).
 */
export async function* entryText(path: string, e: ZipEntry): AsyncGenerator<string> {
  const fh = await open(path, 'r');
  let start: number;
  try {
    const local = await readAt(fh, e.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipError(`damaged entry ${e.name}`);
    start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (e.method !== 0 && e.method !== 8) throw new ZipError(`compression method ${e.method} of ${e.name}`);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (e.compressedSize === 0) return;
  const file = createReadStream(path, { start, end: start + e.compressedSize - 1, highWaterMark: 1 << 14 });
  const inflate = e.method === 8 ? createInflateRaw({ chunkSize: 1 << 14 }) : undefined;
  const source = inflate ? file.pipe(inflate) : file;
  file.on('error', (err) => inflate?.destroy(err));
  try {
    let first = true;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let text = decoder.decode(chunk, { stream: true });
      // A UTF-8 byte order mark is not part of the XML
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (err) {
    if (err instanceof TypeError) throw new ZipError(`${e.name} is not valid UTF-8`);
    throw err instanceof ZipError ? err : new ZipError(`${e.name}: ${(err as Error).message}`);
  } finally {
    // Stopping early (the first rows only, for the header): let both streams go.
    file.destroy();
    inflate?.destroy();
  }
}

/** A small part (workbook, relationships, styles) whole. */
export async function entryString(path: string, e: ZipEntry): Promise<string> {
  let s = '';
  for await (const t of entryText(path, e)) s += t;
  return s;
}
