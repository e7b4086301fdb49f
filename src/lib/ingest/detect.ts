// What is this file? Format, encoding, record family and the header → column mapping.
// Anything that makes a file unreadable as a whole throws a RefusedFile with one clear message.
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { FAMILIES, FAMILY_ORDER, normaliseHeader, type Family, type FamilyName } from './families.ts';

export class RefusedFile extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.zh = zh;
    this.en = en;
  }
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface FileFacts {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  format: 'csv' | 'xlsx';
  /** CSV only. */
  encoding?: Encoding;
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

/** Format and encoding from the bytes (the extension only breaks ties). */
export async function inspectFile(path: string): Promise<FileFacts> {
  const bytes = statSync(path).size;
  const fileName = basename(path);
  const sha256 = await sha256File(path);
  const facts = { path, fileName, bytes, sha256 };
  if (bytes === 0) throw new RefusedFile('文件是空的。', 'The file is empty.');
  const prefix = head(path, 1 << 20);
  const ext = extname(fileName).toLowerCase();
  if (prefix[0] === 0x50 && prefix[1] === 0x4b) {
    if (ext === '.xls' || ext === '.csv')
      throw new RefusedFile('文件扩展名与内容不符：内容是 .xlsx 工作簿。请改名为 .xlsx。', 'The content is an .xlsx workbook; rename the file to .xlsx.');
    return { ...facts, format: 'xlsx' };
  }
  if (ext === '.xls' || (prefix[0] === 0xd0 && prefix[1] === 0xcf))
    throw new RefusedFile('不支持旧版 .xls 格式。请在 Excel 中“另存为” .xlsx 或 CSV。', 'Old .xls workbooks are not supported; save as .xlsx or CSV.');
  if (ext === '.xlsx')
    throw new RefusedFile('文件扩展名为 .xlsx，但内容不是 Excel 工作簿，可能已损坏。', 'The file is named .xlsx but is not a workbook; it may be damaged.');
  if (prefix.includes(0))
    throw new RefusedFile('文件含有二进制内容，不是文本表格（CSV）。请导出为 CSV 或 .xlsx。', 'The file contains binary data, not a CSV table. Export it as CSV or .xlsx.');
  return { ...facts, format: 'csv', encoding: detectEncoding(prefix, prefix.length < (1 << 20)) };
}

export function detectEncoding(prefix: Buffer, whole: boolean): Encoding {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return 'utf-8-bom';
  // The prefix may end inside a multi-byte character: decode in streaming mode unless it is the whole file.
  if (decodes('utf-8', prefix, whole)) return 'utf-8';
  if (decodes('gb18030', prefix, whole)) return 'gb18030';
  throw new RefusedFile(
    '无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030。请在 Excel 中“另存为”“CSV UTF-8”后重新上传。',
    'Unknown encoding: neither UTF-8 nor GBK/GB18030. Save it from Excel as "CSV UTF-8" and upload again.',
  );
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

/** Header spellings accepted per column: canonical, Chinese, its aliases, and those without "(元)"-style units. */
function spellings(f: Family): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of f.columns) {
    for (const s of [c.name, c.zh, ...(c.aliases ?? [])]) {
      m.set(normaliseHeader(s), c.name);
      m.set(normaliseHeader(s.replace(/[(（].*[)）]$/, '')), c.name);
    }
  }
  return m;
}

/** Headers that carry no data of their own: the running number clerks put in the first column. */
const IGNORED_HEADERS = new Set(['序号', '编号序号', 'no', 'no.']);

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
      throw new RefusedFile(
        `无法从文件名或表头识别这是哪一类登记表（表头：${headers.slice(0, 6).join('、') || '空'}）。请使用模板表头，或把文件命名为“会员.csv”“单位.xlsx”等。`,
        `Cannot tell which register this is from its name or headers. Use the template headers or name the file e.g. members.csv.`,
      );
    mapping = best;
  }
  if (mapping.columns.size === 0)
    throw new RefusedFile(
      `第1行没有可识别的表头。${mapping.family.zh}登记表的表头应包括：${mapping.family.columns.filter((c) => c.required).map((c) => c.zh).join('、')}。`,
      `Row 1 has no recognisable header. A ${mapping.family.en} register needs: ${mapping.family.columns.filter((c) => c.required).map((c) => c.name).join(', ')}.`,
    );
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
