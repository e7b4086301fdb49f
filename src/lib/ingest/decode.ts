// Text files whose lines are not all in one encoding: a GBK register where one row was pasted from a
// UTF-8 source (or the reverse). Decoding the whole file as GB18030 would turn the odd row into
// mojibake silently (UTF-8 bytes nearly always decode as *some* GB18030 characters), so each line is
// classified on its own: the file's encoding is the one most lines are in, every other line is
// decoded as what it is and its row quarantined (`odd_encoding`), and a line that is neither is
// quarantined as undecodable. Only files that are not valid UTF-8 as a whole get here.
import { createReadStream } from 'node:fs';

export type LineKind = 'utf8' | 'gb' | 'bad';

export interface OddLine {
  /** 1-based physical line. */
  line: number;
  kind: LineKind;
}

export interface LineCensus {
  /** The encoding of the file: the one most lines with non-ASCII bytes are in. */
  encoding: 'utf-8' | 'gb18030' | null;
  /** Lines in another encoding than the file's, or in none. */
  odd: OddLine[];
  /** More odd lines than are kept: the file is refused rather than quarantined row by row. */
  tooMany: boolean;
}

const MAX_ODD = 1000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb = new TextDecoder('gb18030', { fatal: true });

/**
 * Characters a Chinese register's text is made of: ASCII, CJK ideographs (and extension A), CJK and
 * full-width punctuation, general punctuation (“” …), the middle dot. A GBK line that happens to be
 * valid UTF-8 decodes to Latin, Greek or Cyrillic letters instead, so it is never taken for UTF-8.
 */
const CHINESE_TEXT = /^[\x00-\x7f\u00b7\u2010-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]*$/;
const HAS_CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

function tryDecode(d: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return d.decode(bytes);
  } catch {
    return null;
  }
}

/** What one line is in ('ascii' when it has no byte above 0x7f: any encoding reads it). */
export function lineKind(bytes: Uint8Array): LineKind | 'ascii' {
  let high = false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) {
    high = true;
    break;
  }
  if (!high) return 'ascii';
  const asUtf8 = tryDecode(utf8, bytes);
  if (asUtf8 !== null && HAS_CJK.test(asUtf8) && CHINESE_TEXT.test(asUtf8)) return 'utf8';
  if (tryDecode(gb, bytes) !== null) return 'gb';
  return asUtf8 !== null ? 'utf8' : 'bad';
}

/** Calls `onLine` with each line's bytes (without \n) and its 1-based number, streaming the file. */
export async function forEachLine(path: string, onLine: (bytes: Buffer, line: number) => void): Promise<void> {
  let line = 1;
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    let start = 0;
    for (let nl = b.indexOf(0x0a); nl >= 0; nl = b.indexOf(0x0a, start)) {
      const part = b.subarray(start, nl);
      onLine(carry ? Buffer.concat([carry, part]) : part, line++);
      carry = null;
      start = nl + 1;
    }
    if (start < b.length) carry = carry ? Buffer.concat([carry, b.subarray(start)]) : Buffer.from(b.subarray(start));
  }
  if (carry) onLine(carry, line);
}

/** Classifies every line of a file that is not valid UTF-8 as a whole. */
export async function lineCensus(path: string): Promise<LineCensus> {
  const counts = { utf8: 0, gb: 0, bad: 0 };
  // the minority is not known until the end: keep the first lines of each kind, up to MAX_ODD
  const lines: Record<LineKind, number[]> = { utf8: [], gb: [], bad: [] };
  await forEachLine(path, (bytes, line) => {
    const k = lineKind(bytes);
    if (k === 'ascii') return;
    counts[k]++;
    if (lines[k].length <= MAX_ODD) lines[k].push(line);
  });
  if (counts.utf8 === 0 && counts.gb === 0) return { encoding: null, odd: [], tooMany: false };
  const encoding = counts.utf8 > counts.gb ? 'utf-8' : 'gb18030';
  const other: LineKind = encoding === 'utf-8' ? 'gb' : 'utf8';
  const odd = [...lines[other].map((line) => ({ line, kind: other })), ...lines.bad.map((line) => ({ line, kind: 'bad' as const }))].sort((a, b) => a.line - b.line);
  return { encoding, odd, tooMany: counts[other] + counts.bad > MAX_ODD };
}

/** A line's text: odd lines decoded as what they are (undecodable bytes as U+FFFD), others in the file's encoding. */
export function decodeLine(bytes: Uint8Array, kind: LineKind | undefined, encoding: 'utf-8' | 'gb18030'): string {
  const as = kind === 'utf8' ? 'utf-8' : kind === 'gb' ? 'gb18030' : encoding;
  return new TextDecoder(as, { fatal: false }).decode(bytes);
}
