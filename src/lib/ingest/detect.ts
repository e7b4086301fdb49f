// What is this file? Format, encoding, record family and the header → column mapping.
// Anything that makes a file unreadable as a whole throws a RefusedFile with one clear message.
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { FAMILIES, FAMILY_ORDER, normaliseHeader, type Family, type FamilyName } from './families.ts';
import { lineCensus, type OddLine } from './decode.ts';
import { RefusedFile } from './refused.ts';
import { warmXlsxReader } from './xlsx-thread.ts';
import { HEADER_SEARCH_ROWS } from './header.ts';

export { RefusedFile } from './refused.ts';

/** No header cell of the row names a column of the family: the row is not a header at all. */
export class NoHeader extends RefusedFile {
  readonly family: Family;
  constructor(family: Family) {
    super(
      `第1行没有可识别的表头。${family.zh}登记表的表头应包括：${family.columns.filter((c) => c.required).map((c) => c.zh).join('、')}。`,
      `Row 1 has no recognisable header. A ${family.en} register needs: ${family.columns.filter((c) => c.required).map((c) => c.name).join(', ')}.`,
    );
    this.family = family;
  }
}

/** Neither the file name nor the row's cells say which register this is. */
export class UnknownFamily extends RefusedFile {
  readonly headers: string[];
  constructor(headers: string[]) {
    super(
      `无法从文件名或表头识别这是哪一类登记表（表头：${headers.slice(0, 6).join('、') || '空'}）。请使用模板表头，或把文件命名为“会员.csv”“单位.xlsx”等。`,
      `Cannot tell which register this is from its name or headers. Use the template headers or name the file e.g. members.csv.`,
    );
    this.headers = headers;
  }
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface FileFacts {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  /** 'xlsx' for zip workbooks (.xlsx, .ods, newer .et), 'xls' for Excel 97-2003 / older .et (OLE2). */
  format: 'csv' | 'xlsx' | 'xls';
  /** CSV only. */
  encoding?: Encoding;
  /** CSV only: lines in another encoding than the file's, or in none (decode.ts); their rows are quarantined. */
  oddLines?: OddLine[];
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function head(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Format from the bytes (never the extension alone: government systems export ".xls" that is text),
 * and for text the encoding, decided on the whole file in the same pass as its SHA-256: a GBK file
 * with one UTF-8 line after the first MiB is not UTF-8.
 */
export async function inspectFile(path: string): Promise<FileFacts> {
  const bytes = statSync(path).size;
  const fileName = basename(path);
  if (bytes === 0) throw new RefusedFile('文件是空的。', 'The file is empty.');
  const prefix = head(path, 8);
  const ext = extname(fileName).toLowerCase();
  const zip = prefix[0] === 0x50 && prefix[1] === 0x4b;
  const ole = prefix.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  const utf16 = (prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff);
  // a zip workbook is read next, in a worker thread: start it now and give it the file, so that it
  // reads the workbook's shared strings and first rows while the file is hashed and the warehouse
  // opened (xlsx-thread.ts; the header is looked for in the first HEADER_SEARCH_ROWS + 1 rows)
  if (zip) warmXlsxReader({ path, bytes, headRows: HEADER_SEARCH_ROWS + 1 });
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = !zip && !ole && !utf16;
  let nulAt = -1;
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    hash.update(b);
    if (!zip && !ole && !utf16) {
      if (nulAt < 0 && b.indexOf(0) >= 0) nulAt = offset + b.indexOf(0);
      if (isUtf8) {
        try {
          utf8.decode(b, { stream: true });
        } catch {
          isUtf8 = false;
        }
      }
    }
    offset += b.length;
  }
  const facts = { path, fileName, bytes, sha256: hash.digest('hex') };
  if (zip || ole) return { ...facts, format: zip ? 'xlsx' : 'xls' };
  if (['.xlsx', '.xlsm', '.ods'].includes(ext))
    throw new RefusedFile(`文件扩展名为 ${ext}，但内容不是 Excel 工作簿，可能已损坏。`, `The file is named ${ext} but is not a workbook; it may be damaged.`);
  if (utf16) return { ...facts, format: 'csv', encoding: prefix[0] === 0xff ? 'utf-16le' : 'utf-16be' };
  if (nulAt >= 0) {
    const line = head(path, nulAt).reduce((n, c) => n + (c === 0x0a ? 1 : 0), 1);
    throw new RefusedFile(
      `文件第${line}行含有空字符（NUL，二进制内容），不是文本表格。请删除该行中的异常字符，或重新导出为 CSV 或 .xlsx。`,
      `Line ${line} contains a NUL byte (binary content); this is not a text table. Remove it or export the file again as CSV or .xlsx.`,
    );
  }
  if (isUtf8) {
    try {
      utf8.decode();
    } catch {
      isUtf8 = false; // ends inside a character
    }
  }
  const bom = prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf;
  if (isUtf8) return { ...facts, format: 'csv', encoding: bom ? 'utf-8-bom' : 'utf-8' };
  return { ...facts, format: 'csv', ...(await byLines(path, bom)) };
}

/**
 * Not UTF-8 as a whole: GB18030 (a superset of GBK), or UTF-8 with some GBK lines, decided line by
 * line (decode.ts): whole-file GB18030 decoding would read a pasted UTF-8 row as mojibake.
 */
async function byLines(path: string, bom: boolean): Promise<{ encoding: Encoding; oddLines: OddLine[] }> {
  const census = await lineCensus(path);
  if (!census.encoding) throw unknownEncoding();
  if (census.tooMany)
    throw new RefusedFile(
      '文件中有上千行的编码与其余各行不同（UTF-8 与 GBK 混用）。请在 Excel 或 WPS 中把整个文件“另存为”同一种编码（CSV UTF-8）后重新上传。',
      'Over a thousand lines are in another encoding than the rest (UTF-8 and GBK mixed). Save the whole file as CSV UTF-8 and upload again.',
    );
  const encoding: Encoding = census.encoding === 'gb18030' ? 'gb18030' : bom ? 'utf-8-bom' : 'utf-8';
  return { encoding, oddLines: census.odd };
}

const unknownEncoding = () =>
  new RefusedFile(
    '无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030。请在 Excel 中“另存为”“CSV UTF-8”后重新上传。',
    'Unknown encoding: neither UTF-8 nor GBK/GB18030. Save it from Excel as "CSV UTF-8" and upload again.',
  );

/** The encoding of a whole text (tests and small inputs): BOMs first, then UTF-8, then GB18030. */
export function detectEncoding(bytes: Buffer, whole = true): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (decodes('utf-8', bytes, whole)) return 'utf-8';
  if (decodes('gb18030', bytes, whole)) return 'gb18030';
  throw unknownEncoding();
}

function decodes(label: string, bytes: Buffer, whole: boolean): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/** The family named by the file name, longest alias first ("困难职工档案" before "职工"). */
export function familyFromFileName(fileName: string): FamilyName | undefined {
  return familiesFromFileName(fileName)[0];
}

/**
 * Every family whose longest alias in the file name is the longest found: one, none, or several
 * when two aliases of the same length match ("帮扶站点": 帮扶 aid, 站点 stations); the headers decide then.
 */
export function familiesFromFileName(fileName: string): FamilyName[] {
  const name = fileName.toLowerCase();
  let best: FamilyName[] = [];
  let len = 0;
  for (const f of FAMILY_ORDER) {
    for (const alias of FAMILIES[f].fileAliases) {
      if (!name.includes(alias.toLowerCase()) || alias.length < len) continue;
      if (alias.length > len) (best = []), (len = alias.length);
      if (!best.includes(f)) best.push(f);
    }
  }
  return best;
}

/**
 * Header spellings accepted per column: canonical, Chinese, its aliases, and those without "(元)"-style
 * units. Made once per family (the header search maps each of its 30 rows against every family).
 */
const spellingsOf = new WeakMap<Family, Map<string, string>>();
function spellings(f: Family): Map<string, string> {
  const made = spellingsOf.get(f);
  if (made) return made;
  const m = new Map<string, string>();
  spellingsOf.set(f, m);
  for (const c of f.columns) {
    for (const s of [c.name, c.zh, ...(c.aliases ?? [])]) {
      m.set(normaliseHeader(s), c.name);
      m.set(normaliseHeader(s.replace(/[(（].*[)）]$/, '')), c.name);
    }
  }
  return m;
}

/** Headers that carry no data of their own: the running number clerks put in the first column. */
// Also the two columns the reject report adds around the clerk's own (src/lib/auditor/reject-report.ts),
// so the corrected report is accepted as it is.
const IGNORED_HEADERS = new Set(['序号', '编号序号', 'no', 'no.', '行号/row', '问题/problems']);

export interface HeaderMapping {
  family: Family;
  /** canonical column → header as written in the file */
  columns: Map<string, string>;
  unknown: string[];
  /** Set when the headers overruled the family the file name suggested (that family). */
  familyFromHeaders?: FamilyName;
}

function mapHeaders(f: Family, headers: string[]): HeaderMapping {
  const known = spellings(f);
  const columns = new Map<string, string>();
  const unknown: string[] = [];
  for (const h of headers) {
    if (IGNORED_HEADERS.has(normaliseHeader(h))) continue;
    const c = known.get(normaliseHeader(h));
    if (!c) unknown.push(h);
    else if (columns.has(c))
      throw new RefusedFile(
        `表头“${columns.get(c)}”和“${h}”都对应「${f.columns.find((x) => x.name === c)!.zh}」，请删除其中一列。`,
        `Headers "${columns.get(c)}" and "${h}" both mean ${c}; delete one of them.`,
      );
    else columns.set(c, h);
  }
  return { family: f, columns, unknown };
}

/** Picks the family (override, file name, then best header match) and checks its required columns. */
export function recogniseFamily(fileName: string, headers: string[], override?: FamilyName): HeaderMapping {
  const candidates = override ? [override] : familiesFromFileName(fileName);
  let mapping: HeaderMapping | undefined;
  if (candidates.length === 1) {
    const named = candidates[0]!;
    mapping = mapHeaders(FAMILIES[named], headers);
    // The file name says one register, the headers another ("会员.xlsx" holding the unit list): the
    // headers win when they are complete for another family and not for the named one. An explicit
    // --family is never overridden.
    if (!override && missingRequired(mapping).length) {
      const other = bestByHeaders(headers);
      if (other && missingRequired(other).length === 0) {
        other.familyFromHeaders = named;
        mapping = other;
      }
    }
  } else {
    const best = bestByHeaders(headers, candidates.length ? candidates : undefined);
    if (!best || missingRequired(best).length > 0)
      throw new UnknownFamily(headers);
    mapping = best;
  }
  if (mapping.columns.size === 0) throw new NoHeader(mapping.family);
  const missing = missingRequired(mapping);
  if (missing.length)
    throw new RefusedFile(
      `${mapping.family.zh}登记表缺少必填列：${missing.map((m) => m.zh).join('、')}。请按模板补上这些列。`,
      `The ${mapping.family.en} register lacks required columns: ${missing.map((m) => m.en).join(', ')}.`,
    );
  return mapping;
}

/** The family whose headers match best: fewest required columns missing, then most columns matched. */
function bestByHeaders(headers: string[], among: readonly FamilyName[] = FAMILY_ORDER): HeaderMapping | undefined {
  const scored: { m: HeaderMapping; missing: number; hits: number }[] = [];
  for (const n of among) {
    try {
      const m = mapHeaders(FAMILIES[n], headers);
      scored.push({ m, missing: missingRequired(m).length, hits: m.columns.size });
    } catch (e) {
      if (!(e instanceof RefusedFile)) throw e; // two headers for one column of that family: not it
    }
  }
  scored.sort((a, b) => a.missing - b.missing || b.hits - a.hits);
  return scored[0] && scored[0].hits > 0 ? scored[0].m : undefined;
}

/** Required columns absent from the header; person columns count as present when any of them is. */
function missingRequired(m: HeaderMapping): { zh: string; en: string }[] {
  const out = m.family.columns
    .filter((c) => c.required && !m.columns.has(c.name))
    .map((c) => ({ zh: c.zh, en: c.name }));
  const personCols = m.family.personColumns ?? [];
  if (personCols.length && !personCols.some((c) => m.columns.has(c)))
    out.push({ zh: personCols.map((c) => m.family.columns.find((x) => x.name === c)!.zh).join('/'), en: personCols.join('/') });
  return out;
}
