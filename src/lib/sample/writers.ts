// Streaming writers for the registers: CSV (UTF-8, UTF-8 with BOM, GBK) and .xlsx, with backpressure,
// Excel-style row numbers (header = 1) and injection of the deliberate bad rows at fixed positions.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import type { ReasonCode } from '../ingest/reasons.ts';

export type Cell = string | number | Date | null;

export interface BadRow {
  file: string;
  row_no: number;
  column: string | null;
  reason: ReasonCode;
  value: string;
}

/**
 * A deliberate bad row: written once the good rows reach row `at` (or at the end if the file is
 * shorter). `make` builds it from the last good row, so it points only at things that exist.
 */
export interface Injection {
  at: number;
  column: string | null;
  reason: ReasonCode;
  make: (last: Cell[]) => Cell[][];
}

abstract class Sink {
  readonly file: string;
  rows = 0;
  private last: Cell[] = [];
  private pending: Injection[];
  readonly bad: BadRow[];

  constructor(file: string, injections: Injection[], bad: BadRow[]) {
    this.file = file;
    this.pending = [...injections].sort((a, b) => a.at - b.at);
    this.bad = bad;
  }

  /** Row number Excel shows for the next row written. */
  get nextRowNo(): number {
    return this.rows + 2;
  }

  protected abstract put(cells: Cell[]): void | Promise<void>;

  async row(cells: Cell[]): Promise<void> {
    while (this.pending.length && this.pending[0]!.at <= this.nextRowNo) await this.inject(this.pending.shift()!);
    this.last = cells;
    this.rows++;
    await this.put(cells);
  }

  private async inject(inj: Injection): Promise<void> {
    if (!this.last.length) throw new Error(`${this.file}: a bad row is due before any good row was written`);
    for (const cells of inj.make(this.last)) {
      const col = inj.column;
      this.bad.push({ file: this.file, row_no: this.nextRowNo, column: col, reason: inj.reason, value: this.valueOf(cells, col) });
      this.rows++;
      await this.put(cells);
    }
  }

  protected abstract valueOf(cells: Cell[], column: string | null): string;

  protected async flushInjections(): Promise<void> {
    while (this.pending.length) await this.inject(this.pending.shift()!);
  }

  /** Data rows written, good and bad. */
  abstract close(): Promise<{ file: string; rows: number }>;
}

export function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  encoding?: 'utf8' | 'gbk';
  bom?: boolean;
  injections?: Injection[];
}

export class CsvSink extends Sink {
  private out: WriteStream;
  private buf = '';
  private readonly gbk: boolean;
  private readonly keys: string[];

  /** `keys` are the canonical column names (bad-rows.json uses them), `header` what the file shows. */
  constructor(path: string, file: string, keys: string[], header: string[], bad: BadRow[], opts: CsvOptions = {}) {
    super(file, opts.injections ?? [], bad);
    this.keys = keys;
    this.gbk = opts.encoding === 'gbk';
    this.out = createWriteStream(path);
    this.buf = (opts.bom ? '\uFEFF' : '') + header.map(csvCell).join(',') + '\r\n';
  }

  protected put(cells: Cell[]): void | Promise<void> {
    let line = '';
    for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(cells[i]!);
    this.buf += line + '\r\n';
    if (this.buf.length > 1 << 16) return this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.gbk ? iconv.encode(this.buf, 'gbk') : this.buf;
    this.buf = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  protected valueOf(cells: Cell[], column: string | null): string {
    if (column === null) return cells.map(csvCell).join(',');
    const i = this.keys.indexOf(column);
    return i < 0 ? '' : csvCell(cells[i] ?? null);
  }

  async close(): Promise<{ file: string; rows: number }> {
    await this.flushInjections();
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    return { file: this.file, rows: this.rows };
  }
}

/** Timestamp stamped into the workbook and every zip entry, so the same seed gives the same bytes. */
const XLSX_STAMP = new Date(Date.UTC(2026, 0, 5));
type Append = (source: unknown, data: { name: string; date?: Date }) => unknown;
const ArchiverCore = createRequire(import.meta.url)('archiver/lib/core.js') as { prototype: { append: Append } };

/** exceljs zips through archiver, which dates each entry "now": pin the date for this writer only. */
function pinnedWorkbookWriter(filename: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const original = ArchiverCore.prototype.append;
  const pinned: Append = function (this: unknown, source, data) {
    return original.call(this, source, { ...data, date: XLSX_STAMP });
  };
  ArchiverCore.prototype.append = pinned; // the constructor already appends a few parts
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false, created: XLSX_STAMP, modified: XLSX_STAMP } as never);
    (wb as unknown as { zip: { append: Append } }).zip.append = pinned;
    return wb;
  } finally {
    ArchiverCore.prototype.append = original;
  }
}

/** One worksheet written with exceljs' streaming WorkbookWriter: rows go to disk as they come. */
export class XlsxSink extends Sink {
  private wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private ws: ExcelJS.Worksheet;
  private readonly keys: string[];

  constructor(path: string, file: string, sheet: string, keys: string[], header: string[], bad: BadRow[], injections: Injection[] = []) {
    super(file, injections, bad);
    this.keys = keys;
    this.wb = pinnedWorkbookWriter(path);
    this.ws = this.wb.addWorksheet(sheet);
    this.ws.columns = header.map((h) => ({ header: h, key: h, width: Math.max(10, h.length * 2 + 4), style: { numFmt: '' } }));
  }

  protected put(cells: Cell[]): void {
    const r = this.ws.addRow(cells);
    cells.forEach((c, i) => {
      if (c instanceof Date) r.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
    r.commit();
  }

  protected valueOf(cells: Cell[], column: string | null): string {
    const v = column === null ? null : (cells[this.keys.indexOf(column)] ?? null);
    return v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v);
  }

  async close(): Promise<{ file: string; rows: number }> {
    await this.flushInjections();
    this.ws.commit();
    await this.wb.commit();
    return { file: this.file, rows: this.rows };
  }
}
