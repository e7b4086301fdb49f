// Workbooks as sheets of cells. .xlsx (and .xlsm) are read by our streaming reader (xlsx-stream.ts):
// one row at a time, so memory does not grow with the sheet. .xls, .et, .ods and other zip workbooks
// are read with SheetJS (@e965/xlsx, the community edition 0.20), which holds the whole file in memory:
// those are bounded (MAX_WORKBOOK_BYTES). Both give SheetJS's cell objects (t, v, z, f), with real sheet
// names, hidden flags, merges, cached formula results, error cells and number formats, which is what it
// takes to load a cell as the clerk sees it (cellText below).
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ColumnType } from './families.ts';
import { RefusedFile } from './detect.ts';
import { MAX_XLSX_BYTES, readXlsxStreaming } from './xlsx-stream.ts';
import { readXlsxInWorker, ReaderCrash } from './xlsx-thread.ts';
import { ERRORS, errorCode } from './cell-errors.ts';
import type { PackedRows } from './xlsx-packed.ts';

/** Read whole by SheetJS: 40 MB of .xls is about 400,000 member rows; reading it peaks near 1 GB. */
export const MAX_WORKBOOK_BYTES = 40 * 1024 * 1024;

export type Cell = XLSX.CellObject;
/** A row that has at least one cell element; r is 0-based, cells are indexed by column (holes = empty). */
export interface SheetRow {
  r: number;
  cells: (Cell | null | undefined)[];
}

export interface Sheet {
  name: string;
  hidden: boolean;
  /** The rows of index 0 … n-1 (holes: rows without cells), for header detection. */
  head(n: number): Promise<(Cell | null | undefined)[][]>;
  /** Every row with a cell, in order, once. */
  rows(): AsyncIterable<SheetRow>;
  /** Merged ranges; complete once rows() has been read to its end (they follow the cells in .xlsx). */
  merges(): XLSX.Range[];
  /**
   * Streamed .xlsx only: the rows as rows() gives them, packed in batches (xlsx-packed.ts) of
   * `batchRows` rows (read in a worker: the worker's own batches, whatever is asked); `stopAt`: a
   * reader may stop once it has packed a row of that index.
   */
  packed?(batchRows: number, stopAt?: number): AsyncIterable<PackedRows>;
}

export interface Workbook {
  sheets: Sheet[];
  date1904: boolean;
  /** Lets go of what reading holds (the worker thread of an .xlsx read in one, ended when this resolves). */
  close?(): Promise<void>;
}

/**
 * What we ask of SheetJS, and no more (each extra is kept on every one of a million cells):
 * dense rows; number formats (cellNF: dates, and the text Excel shows for a number); formulas
 * (cellFormula + sheetStubs: a formula without a cached value would otherwise look like an empty
 * cell). No formatted text per cell (cellText: the text of the few number cells we need is formatted
 * here, from the format), no HTML copy of every string (cellHTML), no styles.
 */
export const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer', dense: true, cellNF: true, cellFormula: true, sheetStubs: true, cellText: false, cellHTML: false, cellStyles: false,
};

const damaged = (e: unknown) =>
  new RefusedFile(
    '无法读取该工作簿，文件可能已损坏（如未下载完整）或设置了打开密码。请在 Excel 或 WPS 中打开，取消密码后重新保存，再上传。',
    `Cannot read the workbook: damaged (an incomplete download?) or password-protected (${(e as Error).message}). Open it in Excel or WPS, remove the password, save it again and upload.`,
  );

const tooBig = (max: number) =>
  new RefusedFile(
    `工作簿超过 ${max >> 20} MB。请“另存为”“CSV UTF-8”后上传，或分成几个文件。`,
    `The workbook is over ${max >> 20} MB. Save it as "CSV UTF-8" or split it.`,
  );

/**
 * An .xlsx streamed when it is one (a zip with an OOXML workbook); anything else through SheetJS.
 * `inWorker`: the .xlsx is read in a worker thread (xlsx-thread.ts) and head(n) answers up to
 * `headRows` rows; the caller closes the workbook.
 */
export async function readWorkbook(
  path: string, bytes: number, format: 'xlsx' | 'xls' = 'xlsx', inWorker?: { headRows: number },
): Promise<Workbook> {
  if (format === 'xls') return readWholeWorkbook(path, bytes); // OLE2: .xls, older .et
  // before opening it: opening an .xlsx reads its shared strings whole (over both bounds, any kind)
  if (bytes > MAX_XLSX_BYTES) throw tooBig(MAX_XLSX_BYTES);
  let streamed: Workbook | null;
  try {
    streamed = inWorker ? await readXlsxInWorker(path, inWorker.headRows) : await readXlsxStreaming(path);
  } catch (e) {
    if (e instanceof ReaderCrash) throw e; // our failure, not the file's
    throw damaged(e);
  }
  return streamed ?? readWholeWorkbook(path, bytes);
}

/** SheetJS: the whole file parsed at once (.xls, .et, .ods; and the baseline of bench:ingest). */
export function readWholeWorkbook(path: string, bytes: number): Workbook {
  if (bytes > MAX_WORKBOOK_BYTES) throw tooBig(MAX_WORKBOOK_BYTES);
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(readFileSync(path), READ_OPTIONS);
  } catch (e) {
    throw damaged(e);
  }
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets = wb.SheetNames.map((name, i): Sheet => {
    const ws = wb.Sheets[name]!;
    const data: (Cell | null | undefined)[][] = (ws as unknown as { '!data'?: Cell[][] })['!data'] ?? [];
    return {
      name,
      hidden: (meta[i]?.Hidden ?? 0) !== 0,
      head: async (n) => Array.from(data.slice(0, n), (r) => r ?? []),
      async *rows() {
        for (let r = 0; r < data.length; r++) {
          const cells = data[r];
          if (!cells) continue;
          // Each row is let go once read: the sheet's cells are not held while DuckDB's copy grows.
          data[r] = [];
          yield { r, cells };
        }
      },
      merges: () => ws['!merges'] ?? [],
    };
  });
  return { sheets, date1904: Boolean(wb.Workbook?.WBProps?.date1904) };
}

/**
 * A full garbage collection, run after a workbook is loaded. SheetJS holds the whole file parsed
 * (about 450 MB for 100,000 rows); once the rows are in DuckDB that is garbage, but V8 frees it only
 * when the JS heap next fills, and the checks that follow allocate in DuckDB, not in the heap: the
 * garbage and DuckDB's memory would add up. `gc` is exposed to a fresh context only (never to this one).
 */
const gc: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as (o?: object) => void;
    // 'last-resort' is V8's low-memory collection: it also gives back the pages the heap grew by
    // (a plain full GC frees the objects but keeps ~140 MB of empty heap committed through the checks).
    return () => collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    return () => {};
  }
})();
export const collectGarbage = () => gc();

/** What a column needs from a number cell. */
export type CellRole = 'identifier' | 'date' | 'number' | 'other';

export function roleOf(name: string, type: ColumnType): CellRole {
  if (type === 'id_number' || type === 'credit_code' || /(^|_)(org|parent|unit)_?code$|^org_code$/.test(name)) return 'identifier';
  if (type === 'date') return 'date';
  if (type === 'int' || type === 'decimal' || type === 'money') return 'number';
  return 'other';
}

export interface CellIssue {
  reason: 'id_as_number' | 'cell_error';
  value: string;
}

/** 1920-01-01 … 2099-12-31 as Excel serials (1900 system): a plain number outside is not a date. */
const SERIAL_MIN = 7306;
const SERIAL_MAX = 73050;

const errorText = (cell: XLSX.CellObject) => cell.w ?? ERRORS[cell.v as number] ?? '#ERROR';
export { errorCode };

/** A number as Excel shows it in its cell's format (5.30423E+17 for an 18-digit ID in General). */
export function shownNumber(cell: XLSX.CellObject): string {
  if (cell.w !== undefined) return cell.w;
  try {
    return String(XLSX.SSF.format(cell.z ?? 'General', cell.v));
  } catch {
    return round15(cell.v as number);
  }
}

/** Doubles carry binary noise (909.9999999999999); Excel shows 15 significant digits, so do we. */
export const round15 = (v: number): string => String(Number(v.toPrecision(15)));

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function serialToIso(v: number, date1904: boolean): string | null {
  const d = XLSX.SSF.parse_date_code(v, { date1904 });
  return d ? `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}` : null;
}

/**
 * The text a cell stands for, as the clerk sees it, given what its column holds. Returns the text and,
 * for a cell that cannot be trusted, the issue that quarantines it.
 */
export function cellText(cell: XLSX.CellObject | null | undefined, role: CellRole, date1904: boolean): { text: string | null; issue?: CellIssue } {
  if (!cell) return { text: null };
  switch (cell.t) {
    case 'z':
      return { text: null };
    case 'e':
      return { text: null, issue: { reason: 'cell_error', value: errorText(cell) } };
    case 'b':
      return { text: cell.v ? '是' : '否' };
    case 's':
      return { text: String(cell.v ?? '') };
    case 'd':
      return { text: cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v) };
    case 'n': {
      const v = cell.v as number;
      const isDateFmt = typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z);
      if (role === 'identifier')
        // An identifier typed into a number cell: Excel kept 15 significant digits (an 18-digit ID
        // loses its last three), or dropped leading zeros. Either way the clerk's text is gone.
        return { text: shownNumber(cell), issue: { reason: 'id_as_number', value: shownNumber(cell) } };
      if (role === 'date') {
        if (isDateFmt || (Number.isInteger(v) && v >= SERIAL_MIN && v <= SERIAL_MAX)) return { text: serialToIso(v, date1904) ?? round15(v) };
        return { text: round15(v) }; // 2012, 201201, 2017.6: left as written, the date parser says it is incomplete
      }
      if (isDateFmt) return { text: serialToIso(v, date1904) ?? round15(v) };
      return { text: round15(v) };
    }
    default:
      return { text: cell.w ?? (cell.v === undefined ? null : String(cell.v)) };
  }
}

/** The displayed text of a cell, for header detection and noise rows. */
export function displayText(cell: XLSX.CellObject | null | undefined): string | null {
  if (!cell || cell.t === 'z') return null;
  if (cell.t === 's') return String(cell.v ?? '');
  if (cell.t === 'n') return shownNumber(cell);
  if (cell.t === 'e') return errorText(cell);
  return cell.w ?? (cell.v === undefined ? null : String(cell.v));
}

/** Whether the clerk sees anything in the cell (cheaper than its text: no number is formatted). */
export function isFilled(cell: XLSX.CellObject | null | undefined): boolean {
  if (!cell) return false;
  if (cell.t === 'z') return typeof cell.f === 'string'; // a formula without a value still stands for one
  if (cell.t === 's') return String(cell.v ?? '').trim() !== '';
  return cell.v !== undefined || cell.w !== undefined;
}

/** A formula whose result was never computed (files written by scripts): its value is unknown. */
export const hasNoValue = (cell: XLSX.CellObject | null | undefined): boolean => !!cell && cell.t === 'z' && typeof cell.f === 'string';

export const cellName = (r: number, c: number) => XLSX.utils.encode_cell({ r, c });
export const rangeName = (m: XLSX.Range) => XLSX.utils.encode_range(m);
