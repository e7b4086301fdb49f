// Rows for a table, written as CSV and loaded by DuckDB's own reader (read_csv) in chunks, so that
// the loading thread only builds lines of text while DuckDB copies them into the table on another
// thread. It replaces the appender for a streamed workbook's raw rows (load-workbook.ts): the
// appender's call per cell and its flushes ran on the loading thread, about 0.8 s of CPU for the
// 100,000-row members workbook, on the core the reader's worker leaves free.
// Every string is quoted and an unquoted empty field is NULL (allow_quoted_nulls = false), so '' and
// NULL stay apart; quotes, commas, line breaks, tabs, spaces at either end and NUL characters come
// back as written (test/ingest/csv-rows.test.ts). A line DuckDB cannot read is an error, never a
// dropped row, and the rows in the table are counted against the rows given.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/duckdb.ts';
import type { PackedCursor } from './xlsx-packed.ts';

/** A text as one CSV field: always quoted (an empty string is "" and stays one). */
export const csvField = (s: string): string => (s.indexOf('"') < 0 ? `"${s}"` : `"${s.replaceAll('"', '""')}"`);

/** DuckDB's default longest line (2 MB), raised for a file that has a longer one. */
const DEFAULT_MAX_LINE = 2 * 1024 * 1024;

/** Bytes of a chunk held before they are written to its file. */
const BUFFER_BYTES = 1 << 20;
const COMMA = 0x2c;
const QUOTE = 0x22;
const NL = 0x0a;

/** The loads under way on each connection, in order. */
const queues = new WeakMap<Db, Promise<void>>();

export class CsvRows {
  /** the pending lines as UTF-8, written to the chunk's file whenever the buffer fills */
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private at = 0;
  private fd = -1;
  private file = '';
  private pending = 0;
  /** longest pending line, in bytes */
  private longest = 0;
  private given = 0;
  private dir: string | null = null;
  private files = 0;
  private failure: unknown = null;
  /** the last load of this one's (settled: a failure is kept in `failure`) */
  private loading: Promise<void> = Promise.resolve();
  private readonly db: Db;
  private readonly table: string;
  /** DuckDB types of the table's columns in order (every line holds them all) */
  types: string[];
  private readonly chunkRows: number;
  /** `chunkRows`: lines sent to DuckDB at a time, each load running while the next lines are built. */
  constructor(db: Db, table: string, types: string[], chunkRows = 20_000) {
    this.db = db;
    this.table = table;
    this.types = types;
    this.chunkRows = chunkRows;
  }

  /** One row: its fields already CSV (csvField for text, '' for NULL, a bare integer), comma-separated. */
  add(line: string): void {
    const from = this.at + this.written;
    this.room(3 * line.length + 1);
    this.at += this.buf.write(line, this.at);
    this.buf[this.at++] = NL;
    this.ended(this.at + this.written - from);
  }

  /**
   * The current row of a packed batch when all its cells are text, in ascending columns below
   * `width` (load-workbook.ts checks): the same line as add() with each text csvField'ed, written
   * from the texts without a string per line.
   */
  addPlain(rowNo: number, cur: PackedCursor, width: number): void {
    const from = this.at + this.written;
    this.room(24 + 3 * width);
    this.at += this.buf.write(String(rowNo), this.at, 'latin1');
    let c = 0;
    for (let i = 0; i < cur.n; i++) {
      const col = cur.cols[i]!;
      for (; c < col; c++) this.buf[this.at++] = COMMA;
      let t = cur.texts[i]!;
      if (t.indexOf('"') >= 0) t = t.replaceAll('"', '""');
      // a UTF-16 unit is at most 3 bytes of UTF-8
      this.room(3 * t.length + 3 * (width - col) + 8);
      const buf = this.buf;
      buf[this.at++] = COMMA;
      buf[this.at++] = QUOTE;
      if (t.length) this.at += buf.write(t, this.at);
      buf[this.at++] = QUOTE;
      c = col + 1;
    }
    for (; c < width; c++) this.buf[this.at++] = COMMA;
    this.buf[this.at++] = NL;
    this.ended(this.at + this.written - from);
  }

  /** bytes of the current chunk already in its file */
  private written = 0;

  /** At least `bytes` free in the buffer: what it holds goes to the chunk's file. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    this.spill();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
  }

  private spill(): void {
    if (this.fd < 0) {
      this.dir ??= mkdtempSync(join(tmpdir(), 'ua-rows-'));
      this.file = join(this.dir, `${this.files++}.csv`);
      this.fd = openSync(this.file, 'w');
    }
    for (let p = 0; p < this.at; ) p += writeSync(this.fd, this.buf, p, this.at - p);
    this.written += this.at;
    this.at = 0;
  }

  private ended(bytes: number): void {
    if (bytes > this.longest) this.longest = bytes;
    if (++this.pending >= this.chunkRows) this.send();
  }

  /** Rows given so far. */
  get count(): number {
    return this.given + this.pending;
  }

  /** The pending lines to DuckDB, loaded after the chunks before them (not awaited). */
  private send(): void {
    if (!this.pending) return;
    this.spill();
    closeSync(this.fd);
    this.fd = -1;
    const file = this.file;
    const maxLine = Math.max(DEFAULT_MAX_LINE, this.longest + 64);
    this.given += this.pending;
    this.pending = 0;
    this.written = 0;
    this.longest = 0;
    const columns = this.types.map((t, i) => `'c${i}': '${t}'`).join(', ');
    const sizes = maxLine > DEFAULT_MAX_LINE ? `, max_line_size = ${maxLine}, buffer_size = ${2 * maxLine}` : '';
    // one statement at a time on the connection: loads of every CsvRows of this Db queue behind each other
    const loading = (queues.get(this.db) ?? Promise.resolve()).then(async () => {
      if (this.failure) return;
      try {
        await this.db.run(
          `insert into ${this.table} select * from read_csv('${file.replaceAll("'", "''")}', header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
             new_line = '\\n', nullstr = '', allow_quoted_nulls = false, strict_mode = true, columns = {${columns}}${sizes})`,
        );
      } catch (e) {
        this.failure = e;
      } finally {
        rmSync(file, { force: true });
      }
    });
    queues.set(this.db, loading);
    this.loading = loading;
  }

  /** Every row given is in the table (the table has `expected` rows in all, when given). */
  async done(expected?: number): Promise<void> {
    this.send();
    await this.loading;
    if (this.failure) throw new Error(`internal: rows could not be loaded into ${this.table}: ${(this.failure as Error).message}`);
    if (expected !== undefined) {
      const n = Number(await this.db.value(`select count(*) from ${this.table}`));
      if (n !== expected) throw new Error(`internal: ${this.table} has ${n} rows, ${expected} were given`);
    }
  }

  /** Lets go of the files (after done(), or on failure: waits for a load under way, drops the rest). */
  async close(): Promise<void> {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.at = 0;
    this.pending = 0;
    await this.loading;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
