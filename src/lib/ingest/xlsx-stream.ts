// .xlsx read as a stream (ISO 29500 SpreadsheetML): the package's parts are found through its
// relationships, not their order in the zip (names are right when workbook.xml follows the sheets);
// workbook.xml (sheet names, hidden state, the 1904 date system), styles.xml (number formats) and
// the shared strings are read first, then each sheet is parsed row by row as it is inflated
// (xlsx-sheet.ts). Memory: the shared strings (one array of strings) and the row being read.
import type { Cell, Sheet, SheetRow, Workbook } from './workbook.ts';
import { errorCode } from './cell-errors.ts';
import { RefusedFile } from './refused.ts';
import { entryString, entryText, readZipDirectory, type ZipEntry } from './zip.ts';
import { attr, decodeXml, XmlStream, type XmlHandler } from './xml-stream.ts';
import { NO_FORMAT, SheetParser, type SheetContext } from './xlsx-sheet.ts';
import { RowPacker, type PackedRows } from './xlsx-packed.ts';

/**
 * Streamed .xlsx: memory holds the shared strings (about the size of their XML) and one row, so the
 * bound is the sheet's own (Excel's 1,048,576 rows are about 100 MB of .xlsx for a 12-column register).
 */
export const MAX_XLSX_BYTES = 200 * 1024 * 1024;

/** SheetJS's built-in number formats (SSF_init_table); other ids have no format unless the workbook defines them. */
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'm/d/yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@', 56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};
/** Formats SheetJS corrects as it loads them (Google Sheets writes 'd.m'). */
const CORRECTED: Record<string, string> = { 'd.m': 'd\\.m' };

/** Every element of a small part, in order. */
async function elements(path: string, e: ZipEntry | undefined, each: (name: string, attrs: string) => void): Promise<void> {
  if (!e) return;
  const xml = new XmlStream({ open: (n, a) => each(n, a), close: () => {}, text: () => {} });
  xml.write(await entryString(path, e));
  xml.end();
}

/** Relationship id → part name, for the part at `from` (its rels sit in _rels/ beside it). */
async function relationships(path: string, dir: Map<string, ZipEntry>, from: string): Promise<Map<string, { target: string; type: string }>> {
  const slash = from.lastIndexOf('/');
  const base = from.slice(0, slash + 1);
  const rels = new Map<string, { target: string; type: string }>();
  await elements(path, find(dir, `${base}_rels/${from.slice(slash + 1)}.rels`), (name, a) => {
    if (name !== 'Relationship' || attr(a, 'TargetMode') === 'External') return;
    const id = attr(a, 'Id');
    const target = attr(a, 'Target');
    if (id && target) rels.set(id, { target: resolve(base, target), type: attr(a, 'Type') ?? '' });
  });
  return rels;
}

function resolve(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) if (p === '..') out.pop(); else if (p !== '.' && p !== '') out.push(p);
  return out.join('/');
}

/** Part names are case-insensitive in OPC; writers almost always match, so look up exactly first. */
function find(dir: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  const e = dir.get(name);
  if (e) return e;
  const lower = name.toLowerCase();
  for (const [k, v] of dir) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The z of each cellXfs entry: its numFmtId's format, the workbook's own or built in. */
async function numberFormats(path: string, e: ZipEntry | undefined): Promise<string[]> {
  const own = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await elements(path, e, (name, a) => {
    if (name === 'numFmt') {
      const id = parseInt(attr(a, 'numFmtId') ?? '', 10);
      const code = attr(a, 'formatCode');
      if (id > 0 && code !== undefined) own.set(id, CORRECTED[code] ?? code);
    } else if (name === 'cellXfs') inCellXfs = !a.trimEnd().endsWith('/');
    else if (name === 'xf' && inCellXfs) xfs.push(parseInt(attr(a, 'numFmtId') ?? '0', 10) || 0);
    else if (name === 'cellStyles' || name === 'dxfs') inCellXfs = false;
  });
  return xfs.map((id) => own.get(id) ?? BUILT_IN[id] ?? NO_FORMAT);
}

/** The shared string table, streamed (it can be as big as the sheet): each <si>'s text runs joined, phonetic runs left out. */
async function sharedStrings(path: string, e: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!e) return strings;
  let cur: string | null = null;
  let inT = false;
  let rph = 0;
  const h: XmlHandler = {
    open(name, _a, self) {
      if (self) { if (name === 'si') strings.push(''); return; }
      if (name === 'si') cur = '';
      else if (name === 't' && cur !== null && rph === 0) inT = true;
      else if (name === 'rPh') rph++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') rph = Math.max(0, rph - 1);
      else if (name === 'si' && cur !== null) {
        strings.push(decodeXml(cur, true));
        cur = null;
      }
    },
    text(raw, cdata) {
      if (inT) cur += cdata ? raw.replace(/&/g, '&amp;') : raw;
    },
  };
  const xml = new XmlStream(h);
  for await (const chunk of entryText(path, e)) xml.write(chunk);
  xml.end();
  return strings;
}

/**
 * The workbook when the file is an .xlsx (or .xlsm); null for other zips (.ods, .xlsb), which SheetJS reads.
 * `deferStrings`: the shared strings are not read (the loading thread reads them, readSharedStrings,
 * while the worker parses the sheet); text cells are then packed by their numbers (packed() only).
 */
export async function readXlsxStreaming(path: string, opts: { deferStrings?: boolean } = {}): Promise<Workbook | null> {
  const dir = await readZipDirectory(path);
  const root = await relationships(path, dir, '.rels'); // _rels/.rels
  const doc = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!doc.toLowerCase().endsWith('.xml') || !find(dir, doc)) return null;

  const rels = await relationships(path, dir, doc);
  const byType = (t: string) => [...rels.values()].find((r) => r.type.endsWith(`/${t}`))?.target;
  const declared: { name: string; hidden: boolean; part?: { target: string; type: string } }[] = [];
  let date1904 = false;
  await elements(path, find(dir, doc), (name, a) => {
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(a, 'date1904') ?? '');
    else if (name === 'sheet') {
      const state = attr(a, 'state');
      const rid = attr(a, 'id'); // r:id (the prefix is dropped)
      declared.push({ name: attr(a, 'name') ?? '', hidden: state === 'hidden' || state === 'veryHidden', part: rid ? rels.get(rid) : undefined });
    }
  });
  const ctx: SheetContext = {
    strings: opts.deferStrings ? null : await sharedStrings(path, find(dir, byType('sharedStrings') ?? 'xl/sharedStrings.xml')),
    formats: await numberFormats(path, find(dir, byType('styles') ?? 'xl/styles.xml')),
    date1904,
    errorCode,
  };
  // A chart sheet or a missing part has no cells: an empty sheet, which the loader passes over.
  const sheets = declared.map(({ name, hidden, part }) => sheet(path, name, hidden, part?.type.endsWith('/worksheet') ? find(dir, part.target) : undefined, ctx));
  return { sheets, date1904 };
}

/** The shared strings of an .xlsx alone (the loading thread's part of a read in a worker: xlsx-thread.ts). */
export async function readSharedStrings(path: string): Promise<string[]> {
  const dir = await readZipDirectory(path);
  const root = await relationships(path, dir, '.rels');
  const doc = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const rels = await relationships(path, dir, doc);
  const part = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target;
  return sharedStrings(path, find(dir, part ?? 'xl/sharedStrings.xml'));
}

function sheet(path: string, name: string, hidden: boolean, entry: ZipEntry | undefined, ctx: SheetContext): Sheet {
  let merges: ReturnType<Sheet['merges']> = [];
  /** The sheet's XML into the parser chunk by chunk, pausing after each (what it finished is in the parser). */
  async function* parse(parser: SheetParser): AsyncGenerator<void> {
    if (!entry) return;
    const xml = new XmlStream(parser);
    const chunks = entryText(path, entry);
    try {
      for (;;) {
        let finished = false;
        try {
          const next = await chunks.next();
          if (next.done) {
            xml.end();
            finished = true;
          } else xml.write(next.value);
        } catch (e) {
          throw new RefusedFile(`无法读取工作表“${name}”，文件可能已损坏：${(e as Error).message}`, `Cannot read sheet "${name}" (damaged file?): ${(e as Error).message}`);
        }
        yield;
        if (finished) break;
      }
    } finally {
      // stopped early (the header's rows) or failed: the file and inflate streams are let go
      await chunks.return(undefined);
    }
    merges = parser.merges;
  }
  async function* rows(stopAt = Infinity): AsyncGenerator<SheetRow> {
    const parser = new SheetParser(ctx);
    for await (const _ of parse(parser)) {
      const done = parser.done;
      parser.done = [];
      for (const row of done) {
        if (row.r >= stopAt) return;
        yield row;
      }
    }
  }
  async function* packed(batchRows: number, stopAt = Infinity): AsyncGenerator<PackedRows> {
    const packer = new RowPacker(batchRows);
    for await (const _ of parse(new SheetParser(ctx, packer))) {
      while (packer.ready.length) yield packer.ready.shift()!;
      if (packer.lastRow >= stopAt) {
        packer.dropRow(); // the first rows only: the next row, begun in this chunk, is left out
        break;
      }
    }
    packer.seal();
    yield* packer.ready;
  }
  return {
    name,
    hidden,
    async head(n) {
      const out: (Cell | null | undefined)[][] = [];
      for await (const row of rows(n)) out[row.r] = row.cells;
      return Array.from(out, (r) => r ?? []);
    },
    rows: () => rows(),
    packed,
    merges: () => merges,
  };
}
