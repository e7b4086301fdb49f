// Reads a file, as text, into its own raw table `raw_file_<file_id>` with the file's own headers.
// CSV goes through DuckDB's read_csv (fast, parallel); GBK and UTF-16 are transcoded to UTF-8 first
// because DuckDB's reader only knows UTF-8. Workbooks go through load-workbook.ts (.xlsx streamed, others SheetJS).
// The header is found among the first rows (header.ts); row numbers are those a clerk sees in Excel.
import { createReadStream, createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/duckdb.ts';
import { RefusedFile, type FileFacts, type HeaderMapping } from './detect.ts';
import type { FamilyName } from './families.ts';
import { findHeader, headerNote, uniqueHeaders, HEADER_SEARCH_ROWS } from './header.ts';
import { loadWorkbook } from './load-workbook.ts';
import { collectGarbage } from './workbook.ts';
import { decodeLine, forEachLine, type OddLine } from './decode.ts';
import { threadsAsked } from './threads.ts';

export interface Note {
  zh: string;
  en: string;
  row?: number;
  sheet?: string;
  kind: string;
}

export interface RawLoad {
  table: string;
  headers: string[];
  mapping: HeaderMapping;
  sheet?: string;
  /** SQL expression giving a raw row's Excel row number. */
  rowNoExpr: string;
  /** Lines the CSV reader could not split into the header's columns. */
  malformed: { line: number; text: string; error: string }[];
  /** Rows in the raw table. */
  rows: number;
  /** Rows read but not in the raw table: blank CSV lines (the reader drops them), with their line. */
  dropped: number[];
  /** Workbook rows that are one merged cell across the table: sub-headings. */
  headingRows: number[];
  /**
   * Temp table (_row_no, header, value, reason) of cells that cannot be trusted, or undefined. A null
   * header is the whole row (a line in another encoding); its value is then the message's detail.
   */
  cellIssues?: string;
  notes: Note[];
}

export const rawTableName = (fileId: number) => `raw_file_${fileId}`;
export const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function loadRaw(
  db: Db, facts: FileFacts, fileId: number, override?: FamilyName, onProgress?: (pct: number) => void,
): Promise<RawLoad> {
  releaseReaderGarbage();
  if (facts.format === 'csv') {
    await threadsAsked(db); // a workbook before it in the batch was loaded on one thread
    return loadCsv(db, facts, fileId, override, onProgress);
  }
  const raw = await loadWorkbook(db, facts, fileId, override);
  if (facts.bytes > 1 << 20) garbage = true;
  return raw;
}

/**
 * What the reader allocated (the parsed chunks and rows; all of a SheetJS workbook) is garbage once
 * the rows are in: it is freed, with the heap pages it grew by, when DuckDB starts parsing the rows
 * (stage.ts calls this once the staging query runs: the collection takes this thread a tenth of a
 * second on the 100,000-row members workbook, while DuckDB's scan of a table of one row group leaves
 * the other core free), or before the next file is read, whichever comes first; so the reader's
 * garbage and DuckDB's checks never add up.
 */
let garbage = false;
export function releaseReaderGarbage(): void {
  if (!garbage) return;
  garbage = false;
  collectGarbage();
}

const nulRefusal = (line: number) =>
  new RefusedFile(`文件第${line}行含有空字符（NUL，二进制内容）。请删除该字符后重新上传。`, `Line ${line} contains a NUL character. Remove it and upload again.`);

/** Counts line breaks in decoded text, and refuses the first NUL character (after a UTF-16 decode: the byte scan cannot see it). */
class LineCounter {
  private lines = 0;
  feed(text: string): void {
    const nul = text.indexOf('\u0000');
    const upTo = nul >= 0 ? nul : text.length;
    for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) this.lines++;
    if (nul >= 0) throw nulRefusal(this.lines + 1);
  }
}

async function transcodeToUtf8(path: string, label: 'gb18030' | 'utf-16le' | 'utf-16be'): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ua-text-'));
  const out = join(dir, 'utf8.csv');
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
  const ws = createWriteStream(out);
  const counter = new LineCounter();
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      counter.feed(text);
      if (!ws.write(text)) await once(ws, 'drain');
    }
    ws.end(decoder.decode());
    await once(ws, 'finish');
  } catch (e) {
    ws.destroy();
    rmSync(dir, { recursive: true, force: true });
    if (e instanceof RefusedFile) throw e;
    throw new RefusedFile(`文件中有无法按 ${label.toUpperCase()} 解码的字节。请在 Excel 中“另存为”“CSV UTF-8”后重新上传。`, `Some bytes are not valid ${label}. Save the file as "CSV UTF-8" and upload again.`);
  }
  return { path: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A file with lines in another encoding than its own (decode.ts): each line decoded as what it is. */
async function transcodeLines(path: string, encoding: 'utf-8' | 'gb18030', odd: OddLine[]): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ua-text-'));
  const out = join(dir, 'utf8.csv');
  const kinds = new Map(odd.map((o) => [o.line, o.kind]));
  const fd = openSync(out, 'w');
  try {
    await forEachLine(path, (bytes, line) => {
      writeSync(fd, (line > 1 ? '\n' : '') + decodeLine(bytes, kinds.get(line), encoding));
    });
  } catch (e) {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  closeSync(fd);
  return { path: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The first records of a UTF-8 CSV, split on `delim` (quotes honoured), each with its first line. */
export function headRecords(text: string, delim: string, max: number): { cells: (string | null)[]; line: number }[] {
  const out: { cells: (string | null)[]; line: number }[] = [];
  let cells: (string | null)[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') (quoted = true), (any = true);
    else if (ch === delim) cells.push(cell || null), (cell = ''), (any = true);
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell || null);
      out.push({ cells: any || cell ? cells : [], line: start });
      cells = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else (cell += ch), (any = true);
  }
  if ((cell || cells.length) && out.length < max) out.push({ cells: [...cells, cell || null], line: start });
  return out;
}

/** Physical line numbers (1-based) of empty lines after `afterLine`: DuckDB's reader drops them. */
function blankLines(path: string, afterLine: number): number[] {
  const fd = openSync(path, 'r');
  const found: number[] = [];
  try {
    const buf = Buffer.alloc(1 << 20);
    let line = 1;
    let lineEmpty = true;
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      for (let i = 0; i < n; i++) {
        const c = buf[i]!;
        if (c === 0x0a) {
          if (lineEmpty && line > afterLine) found.push(line);
          line++;
          lineEmpty = true;
        } else if (c !== 0x0d) lineEmpty = false;
      }
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

function readHead(path: string, n: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return new TextDecoder('utf-8').decode(buf.subarray(0, got)).replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

async function loadCsv(db: Db, facts: FileFacts, fileId: number, override?: FamilyName, onProgress?: (pct: number) => void): Promise<RawLoad> {
  const table = rawTableName(fileId);
  const enc = facts.encoding;
  const odd = facts.oddLines ?? [];
  const src = odd.length
    ? await transcodeLines(facts.path, enc === 'gb18030' ? 'gb18030' : 'utf-8', odd)
    : enc === 'gb18030' || enc === 'utf-16le' || enc === 'utf-16be' ? await transcodeToUtf8(facts.path, enc) : { path: facts.path, cleanup: () => {} };
  const rej = `rej_${fileId}`;
  const timer = onProgress ? setInterval(() => onProgress(db.progress()), 200) : undefined;
  try {
    const text = readHead(src.path, 256 * 1024);
    if (text.includes('\u0000')) throw nulRefusal(text.slice(0, text.indexOf('\u0000')).split('\n').length);
    // "Unicode 文本" from Excel is tab-separated; so are some exports named .xls.
    const firstLines = text.split('\n').slice(0, 10).join('\n');
    const delim = (firstLines.match(/\t/g)?.length ?? 0) > (firstLines.match(/,/g)?.length ?? 0) ? '\t' : ',';
    const records = headRecords(text, delim, HEADER_SEARCH_ROWS + 1);
    const found = findHeader(records.map((r) => r.cells), facts.fileName, override);
    const dataRecord = records[found.index + found.span];
    const headerRecord = records[found.index + found.span - 1]!;
    // The data starts on the line after the header (a quoted cell may span lines).
    const dataLine = dataRecord?.line ?? headerRecord.line + 1;
    const width = Math.max(found.headers.length, records[found.index]!.cells.length, found.span === 2 ? headerRecord.cells.length : 0);
    const headers = uniqueHeaders([...found.headers, ...Array(width - found.headers.length).fill(null)]);
    const columns = `{${headers.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ')}}`;
    try {
      await db.run(
        `create table ${table} as select * from read_csv($path, auto_detect = false, header = false, skip = ${dataLine - 1}, delim = ${lit(delim)},
           quote = '"', escape = '"', columns = ${columns}, store_rejects = true, rejects_table = '${rej}_err', rejects_scan = '${rej}_scan')`,
        { path: src.path },
      );
    } catch (e) {
      const msg = (e as Error).message.split('\n')[0] ?? '';
      if (/unicode|utf-?8/i.test(msg))
        throw new RefusedFile('文件中有不是 UTF-8 的字节（可能混用了编码）。请在 Excel 中“另存为”“CSV UTF-8”后重新上传。', `Invalid UTF-8 in the file (${msg}). Save it as "CSV UTF-8".`);
      throw new RefusedFile(`无法按 CSV 读取该文件：${msg}`, `Cannot read the file as CSV: ${msg}`);
    }
    const malformed = await db.all<{ line: number; text: string; error: string }>(
      // a line short of several columns is reported once per missing column: one row per line here
      `select line, any_value(trim(csv_line, chr(10) || chr(13))) as text, min(error_message) as error from ${rej}_err group by line order by line`,
    );
    await db.run(`drop table if exists ${rej}_err; drop table if exists ${rej}_scan;`);
    const dropped = blankLines(src.path, dataLine - 1);
    const rows = Number(await db.value(`select count(*) from ${table}`));
    // rowids count from the first row, except inside a transaction (the ingest runs in one), where
    // new rows take them from a high base until the commit: count from the table's first rowid
    const base = rows ? Number(await db.value(`select min(rowid) from ${table}`)) : 0;
    const excluded = [...malformed.map((m) => Number(m.line)), ...dropped];
    let rowNoExpr = await rowNumbers(db, table, rej, dataLine, excluded, base);
    if (dataLine !== 2 || excluded.length) {
      // Not the plain layout (header on line 1, every line a row): keep the row numbers in the raw
      // table, as workbooks do, so whoever reads it later (the reject report) needs no line arithmetic.
      await db.run(`create table ${table}_n as select ${rowNoExpr} as _row_no, * from ${table};
        drop table ${table}; alter table ${table}_n rename to ${table}; drop table if exists ${rej}_shift;`);
      rowNoExpr = '_row_no';
    }
    const note = headerNote(found);
    const cellIssues = await oddLineIssues(db, fileId, odd, dataLine);
    return {
      table, headers, mapping: found.mapping, rowNoExpr, malformed, rows, dropped, headingRows: [], cellIssues,
      notes: note ? [{ ...note, kind: 'header_row', row: found.index + 1 }] : [],
    };
  } finally {
    if (timer) clearInterval(timer);
    src.cleanup();
  }
}

/**
 * The rows of lines in another encoding, or in none, as row issues (header null: the whole row),
 * quarantined under their own reason. Lines above the data (title, header) are decoded as what they
 * are and need nothing more. Row numbers are line numbers, as for every CSV row.
 */
async function oddLineIssues(db: Db, fileId: number, odd: OddLine[], dataLine: number): Promise<string | undefined> {
  const rows = odd.filter((o) => o.line >= dataLine);
  if (!rows.length) return undefined;
  const issues = `cell_issues_${fileId}`;
  await db.run(`create or replace temp table ${issues} (_row_no integer, header varchar, value varchar, reason varchar)`);
  const app = await db.appender(issues);
  for (const o of rows) {
    app.appendInteger(o.line);
    app.appendNull();
    // a row issue's value slot carries its detail: the encoding the line is in
    o.kind === 'bad' ? app.appendNull() : app.appendVarchar(o.kind === 'utf8' ? 'UTF-8' : 'GBK');
    app.appendVarchar(o.kind === 'bad' ? 'bad_encoding' : 'odd_encoding');
    app.endRow();
  }
  app.closeSync();
  return issues;
}

/**
 * Lines the reader did not return (rejected or blank) push the rows after them down. Row i (0-based
 * among the rows read) sits on line dataLine + i + (excluded lines before it); the j-th excluded line
 * (sorted) is preceded by (line - dataLine - j) rows read. A table, not an expression, so a file
 * with thousands of them stays one join.
 */
async function rowNumbers(db: Db, table: string, rej: string, dataLine: number, excluded: number[], base: number): Promise<string> {
  if (!excluded.length) return `(rowid - ${base} + ${dataLine})::integer`;
  const shifts = [...excluded].sort((a, b) => a - b).map((line, j) => `(${line - dataLine - j})`).join(', ');
  await db.run(`create or replace temp table ${rej}_shift as select * from (values ${shifts}) v(from_row)`);
  return `(${table}.rowid - ${base} + ${dataLine} + (select count(*) from ${rej}_shift s where s.from_row <= ${table}.rowid - ${base}))::integer`;
}
