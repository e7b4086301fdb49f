// Reads a file, as text, into its own raw table `raw_file_<file_id>` with the file's own headers.
// CSV goes through DuckDB's read_csv (fast, parallel); GBK is transcoded to UTF-8 first because
// DuckDB's reader only knows UTF-8. xlsx goes through exceljs's streaming reader and an appender.
// Row numbers are those a clerk sees in Excel: the header is row 1.
import ExcelJS from 'exceljs';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/duckdb.ts';
import { RefusedFile, familyFromFileName, type FileFacts } from './detect.ts';

export interface RawLoad {
  table: string;
  headers: string[];
  sheet?: string;
  /** SQL expression giving a raw row's Excel row number. */
  rowNoExpr: string;
  /** Lines the CSV reader could not split into the header's columns. */
  malformed: { line: number; text: string; error: string }[];
  rows: number;
}

const rawTableName = (fileId: number) => `raw_file_${fileId}`;
const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

export async function loadRaw(db: Db, facts: FileFacts, fileId: number, onProgress?: (pct: number) => void): Promise<RawLoad> {
  return facts.format === 'xlsx' ? loadXlsx(db, facts, fileId) : loadCsv(db, facts, fileId, onProgress);
}

async function transcodeToUtf8(path: string): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ua-gbk-'));
  const out = join(dir, 'utf8.csv');
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const ws = createWriteStream(out);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      if (!ws.write(decoder.decode(chunk as Buffer, { stream: true }))) await once(ws, 'drain');
    }
    ws.end(decoder.decode());
    await once(ws, 'finish');
  } catch {
    ws.destroy();
    rmSync(dir, { recursive: true, force: true });
    throw new RefusedFile('文件中有无法按 GBK/GB18030 解码的字节。请在 Excel 中“另存为”“CSV UTF-8”后重新上传。', 'Some bytes are not valid GBK/GB18030. Save the file as "CSV UTF-8" and upload again.');
  }
  return { path: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function loadCsv(db: Db, facts: FileFacts, fileId: number, onProgress?: (pct: number) => void): Promise<RawLoad> {
  const table = rawTableName(fileId);
  const src = facts.encoding === 'gb18030' ? await transcodeToUtf8(facts.path) : { path: facts.path, cleanup: () => {} };
  const rej = `rej_${fileId}`;
  const timer = onProgress ? setInterval(() => onProgress(db.progress()), 200) : undefined;
  try {
    await db.run(
      `create table ${table} as select * from read_csv($path, all_varchar = true, header = true,
         store_rejects = true, rejects_table = '${rej}_err', rejects_scan = '${rej}_scan')`,
      { path: src.path },
    );
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0] ?? '';
    if (/unicode|utf-?8/i.test(msg))
      throw new RefusedFile('文件中有不是 UTF-8 的字节（可能混用了编码）。请在 Excel 中“另存为”“CSV UTF-8”后重新上传。', `Invalid UTF-8 in the file (${msg}). Save it as "CSV UTF-8".`);
    throw new RefusedFile(`无法按 CSV 读取该文件：${msg}`, `Cannot read the file as CSV: ${msg}`);
  } finally {
    if (timer) clearInterval(timer);
    src.cleanup();
  }
  const headers = (await db.all<{ column_name: string }>(`select column_name from (describe ${table})`)).map((r) => r.column_name);
  const malformed = (
    await db.all<{ line: number; text: string; error: string }>(
      // a line short of several columns is reported once per missing column: one row per line here
      `select line, any_value(csv_line) as text, min(error_message) as error from ${rej}_err group by line order by line`,
    )
  );
  await db.run(`drop table if exists ${rej}_err; drop table if exists ${rej}_scan;`);
  const rows = Number(await db.value(`select count(*) from ${table}`));
  // Lines the reader rejected are not in the table, so the rows after them sit lower in the file.
  // rowids count from the first row, except inside a transaction (the ingest runs in one), where
  // new rows take them from a high base until the commit: count from the table's first rowid
  const base = rows ? Number(await db.value(`select min(rowid) from ${table}`)) : 0;
  let rowNoExpr = `(rowid - ${base} + 2)::integer`;
  if (malformed.length) {
    // Row i (0-based among the rows read) moves down by one for every rejected line before it; the
    // j-th rejected line is preceded by (line - 2 - j) good rows. A table, not an expression, so a
    // file with thousands of broken lines stays one join.
    const shifts = malformed.map((m, j) => `(${m.line - 2 - j})`).join(', ');
    await db.run(`create or replace temp table ${rej}_shift as select * from (values ${shifts}) v(from_row)`);
    rowNoExpr = `(${table}.rowid - ${base} + 2 + (select count(*) from ${rej}_shift s where s.from_row <= ${table}.rowid - ${base}))::integer`;
  }
  return { table, headers, rowNoExpr, malformed, rows };
}

function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    return null;
  }
  return String(v);
}

async function loadXlsx(db: Db, facts: FileFacts, fileId: number): Promise<RawLoad> {
  const table = rawTableName(fileId);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(facts.path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  let chosen: RawLoad | undefined;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name;
      const named = familyFromFileName(name) !== undefined;
      if (chosen && !named) {
        for await (const _ of sheet) void _; // the first sheet stays the choice: skip this one
        continue;
      }
      if (chosen) await db.run(`drop table ${table}`);
      chosen = await loadSheet(db, sheet as unknown as AsyncIterable<ExcelJS.Row>, table, name);
      if (named) break;
    }
  } catch (e) {
    if (e instanceof RefusedFile) throw e;
    throw new RefusedFile(`无法读取 Excel 工作簿：${(e as Error).message}`, `Cannot read the workbook: ${(e as Error).message}`);
  }
  if (!chosen) throw new RefusedFile('工作簿中没有工作表。', 'The workbook has no sheet.');
  return chosen;
}

async function loadSheet(db: Db, rows: AsyncIterable<ExcelJS.Row>, table: string, sheet: string): Promise<RawLoad> {
  let headers: string[] | undefined;
  let appender: Awaited<ReturnType<Db['appender']>> | undefined;
  let count = 0;
  for await (const row of rows) {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (!headers) {
      if (values.every((v) => v === null || v.trim() === '')) continue;
      headers = uniqueHeaders(values);
      await db.run(`create table ${table} (_row_no integer, ${headers.map((h) => `${q(h)} varchar`).join(', ')})`);
      appender = await db.appender(table);
      continue;
    }
    if (values.every((v) => v === null || v.trim() === '')) continue;
    appender!.appendInteger(row.number);
    for (let i = 0; i < headers.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) appender!.appendNull();
      else appender!.appendVarchar(v);
    }
    appender!.endRow();
    count++;
  }
  appender?.closeSync();
  if (!headers) throw new RefusedFile(`工作表“${sheet}”是空的。`, `Sheet "${sheet}" is empty.`);
  return { table, headers, sheet, rowNoExpr: '_row_no', malformed: [], rows: count };
}

function uniqueHeaders(values: (string | null)[]): string[] {
  const seen = new Map<string, number>();
  return values.map((v, i) => {
    const base = (v ?? '').trim() || `列${i + 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}_${n}` : base;
  });
}
